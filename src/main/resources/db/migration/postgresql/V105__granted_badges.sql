-- Badges a moderator gave an account, kept apart from those its login gives (which each sign-in replaces).
ALTER TABLE accounts ADD COLUMN granted_badges TEXT NOT NULL DEFAULT '';
