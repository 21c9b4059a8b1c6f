package org.parley.moderation;

import java.util.List;
import java.util.Optional;
import org.parley.comments.AuthorStats;
import org.parley.identity.ReaderId;

/**
 * What a moderator should know about a commenter on a site: how their comments fared, how often they
 * were reported, how many readers blocked them (never who), their sanctions and past moderator actions.
 * The counts cover the whole site; the sanctions and actions only what the moderator's scope reaches: a
 * section moderator sees site-wide sanctions and those of their sections, and the actions the audit log
 * shows them (on comments in their sections, and their own).
 */
public record AuthorRecord(ReaderId id, Optional<String> name, AuthorStats comments, int reportsAgainst, int blockedBy,
                           List<Sanction> sanctions, List<AuditEntry> history) {
}
