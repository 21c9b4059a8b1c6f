-- TRUNCATE skips row triggers, so the audit log's append-only rule needs a statement trigger too.
-- (SQLite has no TRUNCATE; its DELETE is refused by V7's triggers.)
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
