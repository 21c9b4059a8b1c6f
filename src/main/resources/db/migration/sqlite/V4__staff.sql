-- Newsroom staff: admins and moderators who sign in to the dashboard (feature org.parley.staff).
CREATE TABLE staff_users (
    id            TEXT PRIMARY KEY,
    username      TEXT NOT NULL UNIQUE,          -- lowercase
    role          TEXT NOT NULL,                 -- admin | moderator
    password_hash TEXT NOT NULL,                 -- Argon2id PHC string; the password is never stored
    created_at    BIGINT NOT NULL,
    disabled_at   BIGINT                         -- set once disabled; a disabled user cannot sign in
);

-- Where a moderator may act: a whole site (section '') or one section of it. Admins have no rows.
CREATE TABLE staff_scopes (
    user_id TEXT NOT NULL REFERENCES staff_users (id),
    site_id TEXT NOT NULL,
    section TEXT NOT NULL,
    PRIMARY KEY (user_id, site_id, section)
);

CREATE TABLE staff_sessions (
    id           TEXT PRIMARY KEY,
    token_hash   TEXT NOT NULL UNIQUE,           -- SHA-256 of the cookie's token; the token is never stored
    user_id      TEXT NOT NULL REFERENCES staff_users (id),
    csrf_token   TEXT NOT NULL,                  -- echoed by every dashboard form as the field csrf
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,                -- for the idle timeout, updated at most once a minute
    expires_at   BIGINT NOT NULL                 -- absolute end, however active
);
CREATE INDEX staff_sessions_by_user ON staff_sessions (user_id);
