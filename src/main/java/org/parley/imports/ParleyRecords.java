package org.parley.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.comments.ArchivedTrail;
import org.parley.comments.CommentId;
import org.parley.comments.Comments;
import org.parley.comments.ImportedThread;
import org.parley.comments.ReaderVote;
import org.parley.identity.Identity;
import org.parley.identity.ReaderId;
import org.parley.identity.SiteBlock;
import org.parley.moderation.AuditEntry;
import org.parley.moderation.Moderation;
import org.parley.moderation.Sanction;
import org.parley.moderation.SanctionKind;
import org.parley.sites.SiteId;
import org.parley.store.Ids;

/**
 * What a Parley export (version 2) holds beyond comments, stored in the transaction of the page it came with: each
 * comment's votes, review, reasons, highlight and note; and, with the last page, the site's blocks, sanctions and
 * audit log. Every reader the export names becomes one reader here, the one {@link Authors} makes of the same
 * exported id when it wrote a comment ({@code import_sources}, kind {@code author}): a reader of this installation
 * keeps their id, anyone else becomes a new guest. Sanctions and audit entries are remembered by their exported id, and
 * a block exists once per pair, so importing the same export again adds nothing.
 */
final class ParleyRecords {

    private final Identity identity;
    private final Comments comments;
    private final Moderation moderation;
    private final ImportRepository repository;

    ParleyRecords(Identity identity, Comments comments, Moderation moderation, ImportRepository repository) {
        this.identity = identity;
        this.comments = comments;
        this.moderation = moderation;
        this.repository = repository;
    }

    /**
     * Stores, inside the caller's write, what the export holds about the comments of {@code page} just imported
     * ({@code stored}) and, when the page brings it, about the site. Other formats hold none of it: nothing happens.
     */
    void keep(Handle h, SiteId site, String source, SourcePage page, List<SourceComment> written, ImportedThread stored, Instant now) {
        Map<String, ReaderId> readers = new HashMap<>();
        List<ArchivedTrail> trails = new ArrayList<>();
        for (SourceComment comment : written) {
            CommentId id = stored.ids().get(comment.sourceId());
            if (id == null || comment.trail().isEmpty()) {
                continue;
            }
            SourceTrail trail = comment.trail().get();
            List<ReaderVote> votes = trail.votes().stream()
                    .map(v -> new ReaderVote(reader(h, site, source, v.voter(), readers, now), v.value(), v.at())).toList();
            trails.add(new ArchivedTrail(id, votes, trail.review(), trail.reasons(), trail.featured(), trail.note()));
        }
        if (!trails.isEmpty()) {
            comments.restoreTrails(stored.page(), trails);
        }
        page.site().ifPresent(records -> keepSite(h, site, source, records, stored.ids(), readers, now));
    }

    /** Stores, inside the caller's write, what {@code page} brings about the site when none of its comments is new. */
    void keepSite(Handle h, SiteId site, String source, SourcePage page, Instant now) {
        page.site().ifPresent(records -> keepSite(h, site, source, records, Map.of(), new HashMap<>(), now));
    }

    private void keepSite(Handle h, SiteId site, String source, SourceSite records, Map<String, CommentId> justStored,
                          Map<String, ReaderId> readers, Instant now) {
        for (SourceSite.Block block : records.blocks()) {
            Optional<String> name = block.name().or(() -> Optional.ofNullable(records.readers().get(block.blocked()))
                    .flatMap(SourceSite.Reader::name));
            identity.restoreBlock(site, new SiteBlock(reader(h, site, source, block.blocker(), readers, now),
                    reader(h, site, source, block.blocked(), readers, now), name, block.at()));
        }
        for (SourceSite.Sanction s : records.sanctions()) {
            if (repository.find(h, site, source, "sanction", s.id()).isPresent()) {
                continue;
            }
            Sanction kept = moderation.restoreSanction(new Sanction(s.id(), site, s.section(), reader(h, site, source, s.reader(),
                    readers, now), SanctionKind.valueOf(s.kind().toUpperCase(Locale.ROOT)), s.message(), s.startsAt(), s.endsAt(),
                    s.createdBy(), Optional.empty()), s.liftedAt(), "imported");
            repository.record(h, site, source, "sanction", Map.of(s.id(), kept.id()), now);
        }
        for (SourceSite.Audit a : records.audit()) {
            if (repository.find(h, site, source, "audit", a.id()).isPresent()) {
                continue;
            }
            AuditEntry kept = moderation.restoreAudit(new AuditEntry(a.id(), a.at(), "", a.actorName(), site, a.action(),
                    a.targetKind(), target(h, site, source, a, justStored, readers, now), a.subject().map(id -> subject(h, site, source, id,
                    readers, now)), a.reason(), Optional.empty(), Optional.empty()));
            repository.record(h, site, source, "audit", Map.of(a.id(), kept.id()), now);
        }
    }

    /**
     * An audit entry's target as it is called here: an imported comment (of this page, not recorded as imported until
     * the page is, or of an earlier one) or reader by its new id; anything else as it was.
     */
    private String target(Handle h, SiteId site, String source, SourceSite.Audit entry, Map<String, CommentId> justStored,
                          Map<String, ReaderId> readers, Instant now) {
        return switch (entry.targetKind()) {
            case "comment" -> Optional.ofNullable(justStored.get(entry.targetId())).map(CommentId::value)
                    .or(() -> repository.find(h, site, source, "comment", entry.targetId())).orElse(entry.targetId());
            case "commenter" -> subject(h, site, source, entry.targetId(), readers, now);
            default -> entry.targetId();
        };
    }

    private String subject(Handle h, SiteId site, String source, String exported, Map<String, ReaderId> readers, Instant now) {
        try {
            return reader(h, site, source, new ReaderId(exported).value(), readers, now).value();
        } catch (IllegalArgumentException notAReader) {
            return exported;
        }
    }

    /**
     * The reader here that the export's reader {@code exported} is: the one an earlier comment, vote or block of theirs
     * became (the key {@link Authors} uses for an export's user id), else themselves when they are a reader of this
     * installation, else a new guest; remembered for the next page and the next import.
     */
    private ReaderId reader(Handle h, SiteId site, String source, String exported, Map<String, ReaderId> readers, Instant now) {
        ReaderId known = readers.get(exported);
        if (known != null) {
            return known;
        }
        String key = "user:" + Ids.digest(exported);
        // As Authors does: a reader who left Parley since an earlier import is gone, and is not brought back.
        ReaderId id = repository.find(h, site, source, "author", key).map(ReaderId::new).filter(r -> identity.since(r).isPresent())
                .orElseGet(() -> {
                    ReaderId here = new ReaderId(exported);
                    ReaderId made = identity.since(here).isPresent() ? here : identity.createGuest().id();
                    repository.replace(h, site, source, "author", key, made.value(), now);
                    return made;
                });
        readers.put(exported, id);
        return id;
    }
}
