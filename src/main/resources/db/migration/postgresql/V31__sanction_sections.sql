-- A sanction imposed by a section moderator holds in their section only; NULL means the whole site.
ALTER TABLE sanctions ADD COLUMN section TEXT;
