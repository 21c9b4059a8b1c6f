/**
 * Newsroom staff: admin and moderator accounts, sign-in and the session checks every dashboard handler
 * runs. Door: {@link org.parley.staff.Staff}. DESIGN.md puts moderator accounts under {@code identity};
 * they live in their own feature instead so that each door stays small: {@code identity} answers "which
 * reader is this", {@code staff} "which staff member, and may they act here".
 *
 * <p>Roles: an admin may do everything; a moderator is scoped to sites, or to sections of a site
 * ({@link org.parley.staff.StaffUser#mayModerate}). Passwords are Argon2id PHC strings. Sessions live in
 * an HttpOnly, SameSite=Strict cookie {@code parley_staff} on {@code /admin}, holding a random 256-bit
 * token of which only the SHA-256 digest is stored; each session carries a CSRF token that every
 * state-changing form sends as the field {@code csrf}. Sign-in failures are rate-limited per username
 * and per client address.
 *
 * <p>Tables: {@code staff_users}, {@code staff_scopes}, {@code staff_sessions}. Routes (at the server
 * root): {@code GET/POST /admin/login}, {@code POST /admin/logout}. Publishes no events.
 */
package org.parley.staff;
