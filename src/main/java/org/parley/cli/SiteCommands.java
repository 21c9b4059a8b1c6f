package org.parley.cli;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Optional;
import org.parley.media.MediaConfig;
import org.parley.sites.ImageRules;
import org.parley.sites.NewSite;
import org.parley.sites.SavedSite;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;

/** {@code parley site …}: the publications that embed Parley, from the command line. */
final class SiteCommands {

    private static final long MIB = 1L << 20;
    private static final long MEGAPIXEL = 1_000_000L;

    private final Terminal terminal;

    SiteCommands(Terminal terminal) {
        this.terminal = terminal;
    }

    /** Runs {@code command} ({@code site save}, {@code site list} or {@code site rotate-secret}) on {@code db}. */
    void run(Command command, Args args, Database db, MediaConfig serverMedia) {
        Sites sites = Sites.create(db, Clock.systemUTC());
        switch (command.name()) {
            case "site save" -> save(command, args, sites, serverMedia);
            case "site list" -> sites.all().forEach(this::print);
            case "site rotate-secret" -> terminal.out().println("secret: " + sites.rotateSecret(siteId(args.required("id"))));
            default -> throw new IllegalArgumentException("not a site command: " + command.name());
        }
    }

    /** Refuses a malformed id, name or origin before any database is opened (and perhaps created). */
    static void check(Command command, Args args) {
        SiteId id = siteId(args.required("id"));
        if (command.name().equals("site save")) {
            try {
                NewSite.withDefaults(id, args.required("name"), args.all("origin"));
            } catch (IllegalArgumentException e) {
                throw new Args.UsageException(e.getMessage());
            }
        }
    }

    /** Flags left out keep the site's current values, or take the defaults for a new site. */
    private void save(Command command, Args args, Sites sites, MediaConfig serverMedia) {
        SiteId id = siteId(args.required("id"));
        Optional<Site> current = sites.find(id);
        long editMinutes = args.number(command.flag("edit-window-minutes"),
                current.map(Site::editWindow).orElse(NewSite.DEFAULT_EDIT_WINDOW).toMinutes());
        long maxLength = args.number(command.flag("max-comment-length"),
                current.map(Site::maxCommentLength).orElse(NewSite.DEFAULT_MAX_COMMENT_LENGTH));
        ImageRules images = current.map(Site::images).orElse(ImageRules.defaults());
        long perComment = args.number(command.flag("images-per-comment"), images.perComment());
        long maxBytes = args.flag("max-image-mb").isPresent() ? args.number(command.flag("max-image-mb"), 0) * MIB : images.maxBytes();
        long maxPixels = args.flag("max-image-megapixels").isPresent()
                ? args.number(command.flag("max-image-megapixels"), 0) * MEGAPIXEL : images.maxPixels();
        SavedSite saved;
        try {
            saved = sites.save(new NewSite(id, args.required("name"), new LinkedHashSet<>(args.all("origin")),
                    Duration.ofMinutes(editMinutes), (int) maxLength, new ImageRules((int) perComment, maxBytes, maxPixels)));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        print(saved.site());
        saved.newSecret().ifPresent(secret -> terminal.out().println("secret: " + secret + "   (shown once; keep it for page metadata calls)"));
        if (maxBytes > serverMedia.maxUploadBytes() || maxPixels > serverMedia.maxPixels()) {
            terminal.err().println("parley: note: this server takes images up to " + serverMedia.maxUploadBytes() / MIB + " MiB and "
                    + serverMedia.maxPixels() / MEGAPIXEL + " MP (media.maxUploadBytes, media.maxPixels); those limits apply first");
        }
    }

    private void print(Site site) {
        terminal.out().println(site.id() + "  " + site.name() + "  origins: " + String.join(" ", site.origins().stream().sorted().toList())
                + "  edit window: " + site.editWindow().toMinutes() + " min  max length: " + site.maxCommentLength()
                + "  images: " + site.images().perComment() + " per comment, up to " + site.images().maxBytes() / MIB
                + " MiB and " + site.images().maxPixels() / MEGAPIXEL + " MP");
    }

    static SiteId siteId(String raw) {
        if (!SiteId.isValid(raw)) {
            throw new Args.UsageException("--id must be 1-40 lowercase letters, digits or dashes, was '" + raw + "'");
        }
        return new SiteId(raw);
    }
}
