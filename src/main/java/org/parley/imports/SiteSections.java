package org.parley.imports;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.identity.ReaderId;

/**
 * The site-wide sections of a Parley export (version 2) as {@link ParleyExportReader} meets them: blocks, sanctions,
 * the audit log ({@code moderation}) and readers, each entry checked as it is read, so a file with a bad one is
 * refused, naming its line, before anything is written.
 */
final class SiteSections {

    private static final Set<String> SANCTION_KINDS = Set.of("ban", "suspension", "warning");
    private static final Set<String> READER_KINDS = Set.of("guest", "account", "departed");

    private final List<SourceSite.Block> blocks = new ArrayList<>();
    private final List<SourceSite.Sanction> sanctions = new ArrayList<>();
    private final List<SourceSite.Audit> audit = new ArrayList<>();
    private final Map<String, SourceSite.Reader> readers = new HashMap<>();

    boolean isEmpty() {
        return blocks.isEmpty() && sanctions.isEmpty() && audit.isEmpty() && readers.isEmpty();
    }

    SourceSite toSource() {
        return new SourceSite(blocks, sanctions, audit, readers);
    }

    /** One entry of section {@code section}, its scalar fields by name, starting on {@code line} of file {@code name}. */
    void add(String name, String section, int line, Map<String, String> f) {
        switch (section) {
            case "blocks" -> blocks.add(new SourceSite.Block(reader(name, line, "a block", f.get("blockerId")),
                    reader(name, line, "a block", f.get("blockedId")), DisqusReader.text(f.get("blockedName")),
                    time(name, line, "a block", f.get("createdAt"))));
            case "sanctions" -> {
                String kind = String.valueOf(f.get("kind"));
                if (!SANCTION_KINDS.contains(kind)) {
                    throw new BadExport(name + " line " + line + ": a sanction's \"kind\" is '" + kind + "'; it is ban, suspension or warning");
                }
                sanctions.add(new SourceSite.Sanction(required(name, line, "a sanction", "id", f), reader(name, line, "a sanction",
                        f.get("readerId")), kind, DisqusReader.text(f.get("section")), Optional.ofNullable(f.get("message")).orElse(""),
                        time(name, line, "a sanction", f.get("startsAt")), SourceTimes.parse(f.get("endsAt")),
                        Optional.ofNullable(f.get("createdBy")).orElse(""), SourceTimes.parse(f.get("liftedAt"))));
            }
            case "moderation" -> audit.add(new SourceSite.Audit(required(name, line, "an audit entry", "id", f),
                    time(name, line, "an audit entry", f.get("at")), Optional.ofNullable(f.get("actorName")).orElse(""),
                    required(name, line, "an audit entry", "action", f), required(name, line, "an audit entry", "targetKind", f),
                    required(name, line, "an audit entry", "targetId", f), DisqusReader.text(f.get("subjectId")),
                    DisqusReader.text(f.get("reason"))));
            case "readers" -> {
                String id = reader(name, line, "a reader", f.get("id"));
                String kind = String.valueOf(f.get("kind"));
                if (!READER_KINDS.contains(kind)) {
                    throw new BadExport(name + " line " + line + ": reader " + id + " is of kind '" + kind
                            + "'; a reader is a guest, an account or departed");
                }
                readers.put(id, new SourceSite.Reader(id, kind, DisqusReader.text(f.get("name")), SourceTimes.parse(f.get("createdAt"))));
            }
            default -> throw new IllegalArgumentException("not a site section: " + section);
        }
    }

    /** A reader id as the export gives it (g_…, a_… or x_…); anything else refuses the file. */
    static String reader(String name, int line, String what, String raw) {
        try {
            return new ReaderId(String.valueOf(raw)).value();
        } catch (IllegalArgumentException e) {
            // The value itself is not repeated: a file may hold an email address where an id belongs.
            throw new BadExport(name + " line " + line + ": " + what + " names something that is not a reader id (g_…, a_… or x_…)");
        }
    }

    static Instant time(String name, int line, String what, String raw) {
        return SourceTimes.parse(raw).orElseThrow(() -> new BadExport(name + " line " + line + ": " + what + " has no time"));
    }

    private static String required(String name, int line, String what, String field, Map<String, String> f) {
        return DisqusReader.text(f.get(field)).orElseThrow(() -> new BadExport(name + " line " + line + ": " + what + " has no \""
                + field + "\""));
    }
}
