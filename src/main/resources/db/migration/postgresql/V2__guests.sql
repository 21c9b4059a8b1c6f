-- Guests are commenters without an account; they prove who they are with a token kept by the widget.
CREATE TABLE guests (
    id         TEXT PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,              -- SHA-256 of the bearer token; the token is never stored
    created_at BIGINT NOT NULL
);
