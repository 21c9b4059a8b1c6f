package org.parley.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.parley.comments.Comments;
import org.parley.comments.Gate;
import org.parley.http.Json;
import org.parley.identity.Identity;
import org.parley.imports.ImportFormat;
import org.parley.imports.ImportOutcome;
import org.parley.imports.ImportProgress;
import org.parley.imports.ImportRequest;
import org.parley.imports.ImportSummary;
import org.parley.imports.Imports;
import org.parley.imports.PageKeyRule;
import org.parley.imports.PageMapping;
import org.parley.live.EventBus;
import org.parley.live.LiveStreams;
import org.parley.media.Media;
import org.parley.moderation.Moderation;
import org.parley.sites.Sites;
import org.parley.staff.Staff;
import org.parley.staff.StaffConfig;
import org.parley.store.Database;
import org.parley.words.Words;
import org.parley.web.ParleyConfig;

/**
 * {@code parley import disqus|wordpress|remark42|commento|parley --site ID FILE}: a newsroom's comment history, from another system's export
 * (or Parley's own), into a site; and {@code parley export --site ID}, Parley's own export. Progress goes to standard error (a line every few seconds), the summary (or, with {@code --json}, a
 * JSON object) and a dry run's page mapping to standard output.
 */
final class ImportCommands {

    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(3);
    private static final Flag SITE = Flag.required("site", "ID", "The site to import into; create it first with 'parley site save'");
    private static final Flag DRY_RUN = Flag.toggle("dry-run", "Check the whole file and print the page each exported page would"
            + " become; write nothing");
    private static final Flag JSON = Flag.toggle("json", "Print the summary as one JSON object on standard output");
    private static final List<Flag> FLAGS = List.of(SITE,
            Flag.optional("page-key", "url|path|id", "How an exported page becomes the page key the widget's data-page names:"
                    + " its full URL, its path (with the query, if any) or its id in the export (Disqus: the thread's"
                    + " identifier; WordPress: the post id); default path"),
            DRY_RUN, JSON);
    private static final List<Flag> PARLEY_FLAGS = List.of(SITE,
            Flag.optional("page-key", "url|path|id", "How an exported page becomes a page key: its URL, its path, or the page"
                    + " key it had (id); default id"),
            DRY_RUN, JSON);

    static final Command DISQUS = new Command("import disqus", "Import a Disqus export (XML) into a site: pages, comments with"
            + " their threading, status, author and time. Importing the same file again adds nothing.",
            Command.DatabaseUse.EXISTING_ONLY, FLAGS, java.util.Optional.of("FILE"));
    static final Command WORDPRESS = new Command("import wordpress", "Import a WordPress export (WXR, any version; comments of"
            + " every post type) into a site; pingbacks and trackbacks are skipped and counted. Importing the same file again"
            + " adds nothing.", Command.DatabaseUse.EXISTING_ONLY, FLAGS, java.util.Optional.of("FILE"));

    static final Command REMARK42 = new Command("import remark42", "Import a Remark42 backup (its export or an automatic"
            + " backup, gunzipped) into a site: pages by URL, comments with their threading, author, time and votes; deleted"
            + " ones stay deleted. Use --page-key url or path. Importing the same file again adds nothing.",
            Command.DatabaseUse.EXISTING_ONLY, FLAGS, java.util.Optional.of("FILE"));
    static final Command COMMENTO = new Command("import commento", "Import a Commento export (JSON) into a site: pages by"
            + " URL, comments with their threading, author, time and score; unapproved and flagged ones wait for a moderator."
            + " Use --page-key url or path. Importing the same file again adds nothing.",
            Command.DatabaseUse.EXISTING_ONLY, FLAGS, java.util.Optional.of("FILE"));
    static final Command PARLEY = new Command("import parley", "Import a Parley export (parley export; docs/export-schema.json)"
            + " into a site: pages, and comments with their threading, status, author name and time. Importing the same file"
            + " again adds nothing.", Command.DatabaseUse.EXISTING_ONLY, PARLEY_FLAGS, java.util.Optional.of("FILE"));
    static final Command EXPORT = new Command("export", "Write a site's pages and comments (every status, with threading,"
            + " author ids and names, times and vote counts) as JSON to standard output, in the format docs/export-schema.json"
            + " describes; 'parley import parley' reads it back. No email address, token or secret is written.",
            Command.DatabaseUse.EXISTING_ONLY, List.of(Flag.required("site", "ID", "The site to export"),
            Flag.optional("format", "json", "The export's format; json, the only one, is the default")));

    private final Terminal terminal;

    ImportCommands(Terminal terminal) {
        this.terminal = terminal;
    }

    /** What {@code args} ask for, refused before any database is opened when the site id, rule or file is wrong. */
    static ImportRequest request(Command command, Args args) {
        org.parley.sites.SiteId site = siteId(args.required("site"));
        String rule = args.flag("page-key").orElse(command.name().equals(PARLEY.name()) ? "id" : "path");
        PageKeyRule pageKey = PageKeyRule.named(rule).orElseThrow(() -> new Args.UsageException(
                "--page-key must be url, path or id, was '" + rule + "'"));
        Path file = file(args, command);
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new Args.Refused(file + (Files.exists(file) ? " is not a readable file" : " does not exist"));
        }
        ImportFormat format = switch (command.name()) {
            case "import disqus" -> ImportFormat.DISQUS;
            case "import remark42" -> ImportFormat.REMARK42;
            case "import commento" -> ImportFormat.COMMENTO;
            case "import parley" -> ImportFormat.PARLEY;
            default -> ImportFormat.WORDPRESS;
        };
        if ((format == ImportFormat.REMARK42 || format == ImportFormat.COMMENTO) && pageKey == PageKeyRule.ID) {
            throw new Args.UsageException("a " + (format == ImportFormat.REMARK42 ? "Remark42 backup" : "Commento export")
                    + " names pages only by their URL: use --page-key url or path");
        }
        return new ImportRequest(site, format, pageKey, args.toggled("dry-run"));
    }

    static Path file(Args args, Command command) {
        return Path.of(args.operand(command).orElseThrow(() -> new Args.UsageException("missing FILE"))).toAbsolutePath().normalize();
    }

    /** Runs the import on {@code db}; a file that is not the export asked for fails with its reason. */
    void run(Command command, Args args, Database db, ParleyConfig config) {
        ImportRequest request = request(command, args);
        ImportOutcome outcome;
        long awaiting;
        try (EventBus bus = EventBus.create(db)) {
            ProgressLines lines = new ProgressLines(terminal.err(), terminal.console() != null);
            Imports imports = imports(db, config, bus);
            outcome = imports.run(request, file(args, command), lines::show);
            awaiting = imports.awaitingScreening();
        }
        switch (outcome) {
            case ImportOutcome.Refused refused -> throw new IllegalArgumentException(refused.reason());
            case ImportOutcome.Done done -> print(done.summary(), args.toggled("json"), terminal.out());
        }
        if (awaiting > 0 && !request.dryRun()) {
            // Screening needs the abuse model (a few ms a comment): the server does it in the background, not this command.
            terminal.err().printf(Locale.ROOT, "parley: %,d imported comments wait to be screened; a running 'parley serve'"
                    + " screens them in the background (published meanwhile; see 'Importing comments' in the README)%n", awaiting);
        }
    }

    /** {@code parley export --site ID}: the site as JSON on standard output, what was written on standard error. */
    void export(Args args, Database db, ParleyConfig config) {
        org.parley.sites.SiteId site = siteId(args.required("site"));
        String format = args.flag("format").orElse("json");
        if (!format.equals("json")) {
            throw new Args.UsageException("--format must be json, was '" + format + "'");
        }
        try (EventBus bus = EventBus.create(db)) {
            org.parley.imports.ExportSummary written = imports(db, config, bus).export(site, terminal.out());
            terminal.out().flush();
            terminal.err().printf(Locale.ROOT, "parley: exported %,d comments on %,d pages of site %s (%,d votes, %,d readers, %,d blocks,"
                    + " %,d sanctions, %,d audit log entries)%n", written.comments(), written.pages(), site, written.votes(),
                    written.readers(), written.blocks(), written.sanctions(), written.auditEntries());
        }
    }

    /** The doors an import needs, on a command's database: no one is notified, and screening is left to the server. */
    private static Imports imports(Database db, ParleyConfig config, EventBus bus) {
        Clock clock = Clock.systemUTC();
        Sites sites = Sites.create(db, clock);
        Staff staff = Staff.create(db, clock, StaffConfig.forPublicUrl(config.server().publicUrl()));
        Identity identity = Identity.create(db, clock, sites, config.identity(), staff::namesOn);
        Comments comments = Comments.create(db, clock, bus, LiveStreams.create(Duration.ofMinutes(1), 8), sites, identity,
                Media.create(db, clock, config.media()), config.comments(), Gate.PUBLISH_ALL);
        // The abuse model is never asked here: an import screens nothing, an export judges nothing.
        Moderation moderation = Moderation.create(db, clock, bus, sites, identity, Words.create(db), () -> comments, config.moderation(),
                text -> {
                    throw new IllegalStateException("an import or export assesses no text");
                });
        return Imports.create(db, clock, sites, identity, comments, moderation);
    }

    static org.parley.sites.SiteId siteId(String raw) {
        if (!org.parley.sites.SiteId.isValid(raw)) {
            throw new Args.UsageException("--site must be 1-40 lowercase letters, digits or dashes, was '" + raw + "'");
        }
        return new org.parley.sites.SiteId(raw);
    }

    /**
     * How far an import has got, on standard error: on a terminal a bar redrawn in place (pages, comments, rate, time
     * left); otherwise, for logs and scripts, a plain line every few seconds and at the end.
     */
    private static final class ProgressLines {
        private static final long BAR_EVERY_NANOS = Duration.ofMillis(250).toNanos();
        private final PrintStream err;
        private final boolean terminal;
        private long lastNanos = System.nanoTime();

        ProgressLines(PrintStream err, boolean terminal) {
            this.err = err;
            this.terminal = terminal;
        }

        void show(ImportProgress progress) {
            long now = System.nanoTime();
            boolean last = progress.pagesDone() >= progress.pagesTotal();
            if (!last && now - lastNanos < (terminal ? BAR_EVERY_NANOS : PROGRESS_EVERY.toNanos())) {
                return;
            }
            lastNanos = now;
            if (terminal) {
                err.print("\r" + bar(progress) + (last ? "\n" : ""));
                err.flush();
            } else {
                err.println("parley: " + line(progress));
            }
        }
    }

    /** {@code 310/1,000 pages, 31,000/100,000 comments, 4,500 comments/s, about 15 s left}. */
    static String line(ImportProgress progress) {
        long rate = progress.rate();
        boolean last = progress.pagesDone() >= progress.pagesTotal();
        String left = last || rate == 0 ? "" : ", about " + Math.max(1, (progress.commentsTotal() - progress.commentsDone()) / rate) + " s left";
        return String.format(Locale.ROOT, "%,d/%,d pages, %,d/%,d comments, %,d comments/s%s", progress.pagesDone(),
                progress.pagesTotal(), progress.commentsDone(), progress.commentsTotal(), rate, left);
    }

    /** {@code [#########---------------------]  31%  310/1,000 pages, …}: the line behind a bar of comments done. */
    static String bar(ImportProgress progress) {
        int width = 30;
        long total = Math.max(1, progress.commentsTotal());
        int done = (int) Math.min(width, progress.commentsDone() * width / total);
        return "[" + "#".repeat(done) + "-".repeat(width - done) + "] "
                + String.format(Locale.ROOT, "%3d%%  ", progress.commentsDone() * 100 / total) + line(progress);
    }

    static void print(ImportSummary summary, boolean json, PrintStream out) {
        if (json) {
            out.println(Json.text(Json.mapper(), asJson(summary)));
            return;
        }
        if (summary.dryRun()) {
            out.println("dry run: nothing was written. Each exported page would become:");
            for (PageMapping page : summary.mapping()) {
                out.println("  " + page.pageKey() + "  <-  " + page.url().orElse("(no URL)") + "  (" + page.comments() + " comments"
                        + page.title().map(t -> ", \"" + t + "\"").orElse("") + ")");
            }
        }
        out.printf(Locale.ROOT, "%s %,d comments on %,d pages%s%n", summary.dryRun() ? "would import" : "imported",
                summary.importedTotal(), summary.pages(), counts(summary.imported()));
        out.printf(Locale.ROOT, "skipped %,d comments%s%n", summary.skippedTotal(), counts(summary.skipped()));
        if (summary.warningCount() > 0) {
            out.printf(Locale.ROOT, "warnings: %,d%s%n", summary.warningCount(),
                    summary.warningCount() > summary.warnings().size() ? " (the first " + summary.warnings().size() + " follow)" : "");
            summary.warnings().forEach(warning -> out.println("  " + warning));
        }
    }

    private static String counts(Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder(":");
        new TreeMap<>(counts).forEach((what, count) -> out.append(String.format(Locale.ROOT, " %,d %s,", count, what)));
        return out.substring(0, out.length() - 1);
    }

    private static Map<String, Object> asJson(ImportSummary summary) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", summary.format().apiName());
        json.put("dryRun", summary.dryRun());
        json.put("pages", summary.pages());
        json.put("imported", new TreeMap<>(summary.imported()));
        json.put("skipped", new TreeMap<>(summary.skipped()));
        json.put("warningCount", summary.warningCount());
        json.put("warnings", summary.warnings());
        if (summary.dryRun()) {
            json.put("mapping", summary.mapping().stream().map(page -> {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("pageKey", page.pageKey());
                entry.put("url", page.url().orElse(null));
                entry.put("title", page.title().orElse(null));
                entry.put("comments", page.comments());
                return entry;
            }).toList());
        }
        json.put("elapsedMillis", summary.elapsed().toMillis());
        return json;
    }
}
