package org.parley.imports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a Parley export (version 2) holds about its site beyond pages: readers' blocks, sanctions, the audit log, and
 * the readers themselves (by their id in the export: an import maps each to a reader of its own).
 */
record SourceSite(List<Block> blocks, List<Sanction> sanctions, List<Audit> audit, Map<String, Reader> readers) {

    SourceSite {
        blocks = List.copyOf(blocks);
        sanctions = List.copyOf(sanctions);
        audit = List.copyOf(audit);
        readers = Map.copyOf(readers);
    }

    /** {@code blocker} never wants to see {@code blocked}, who showed {@code name} then. */
    record Block(String blocker, String blocked, Optional<String> name, Instant at) {
    }

    /** A ban, suspension or warning; {@code kind} as the export names it. */
    record Sanction(String id, String reader, String kind, Optional<String> section, String message, Instant startsAt,
                    Optional<Instant> endsAt, String createdBy, Optional<Instant> liftedAt) {
    }

    /** One audit log entry; the actor is a name, the target a comment, commenter, page, word list or the settings. */
    record Audit(String id, Instant at, String actorName, String action, String targetKind, String targetId,
                 Optional<String> subject, Optional<String> reason) {
    }

    /** A reader: {@code guest}, {@code account} or {@code departed}, with the name they show, if any. */
    record Reader(String id, String kind, Optional<String> name, Optional<Instant> createdAt) {
    }
}
