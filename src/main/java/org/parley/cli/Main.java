package org.parley.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.parley.sites.ImageRules;
import org.parley.sites.NewSite;
import org.parley.sites.SavedSite;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.web.ConfigKey;
import org.parley.web.Parley;
import org.parley.web.ParleyConfig;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code parley <command>}: the commands a newsroom's scripts rely on. Their names and flags are a
 * stable interface; see {@link #USAGE}.
 */
public final class Main {

    static final String USAGE = """
            Usage: parley <command> [flags]

            Commands:
              serve                      Run Parley (SQLite in ./data unless PARLEY_DB_URL says otherwise)
              demo                       Run Parley with the demo newsroom at /demo
              site save --id ID --name NAME --origin URL [--origin URL …]
                        [--edit-window-minutes N] [--max-comment-length N]
                        [--images-per-comment N] [--max-image-mb N] [--max-image-megapixels N]
                                         Create a site (prints its API secret once) or update it
              site list                  List sites with their origins
              site rotate-secret --id ID Replace a site's API secret and print the new one
              admin create-user --username NAME --role admin|moderator [--sites SITE[:SECTION],…]
                                         Create a staff account (the first admin too); the password is
                                         prompted for, or read from the first line of standard input;
                                         --sites is required for moderators and refused for admins
              admin list-users           List staff accounts with their role, sites and status
              admin disable-user --username NAME
                                         Disable a staff account and end its sessions
            """ + ModelCommands.USAGE + """
              help                       Show this text

            Flags for every command:
              --data DIR      data directory (env PARLEY_DATA, default ./data)
              --config FILE   configuration file (env PARLEY_CONFIG, default ./parley.properties if present)
            Flags for serve and demo:
              --port N        HTTP port (env PARLEY_PORT, default 8080)
            """;

    private static final Set<String> COMMON_FLAGS = Set.of("data", "config");

    private final PrintStream out;
    private final Map<String, String> env;

    Main(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    public static void main(String[] argv) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        try {
            new Main(System.out, System.getenv()).run(argv);
        } catch (Args.UsageException e) {
            System.err.println("parley: " + e.getMessage() + "\n\n" + USAGE);
            System.exit(2);
        } catch (IllegalArgumentException | IllegalStateException | java.io.UncheckedIOException e) {
            System.err.println("parley: " + e.getMessage());
            System.exit(1);
        }
    }

    void run(String[] argv) {
        Args args = Args.parse(argv, Set.of());
        String command = String.join(" ", args.words());
        switch (command) {
            case "serve", "demo" -> {
                args.allowOnly(union(COMMON_FLAGS, Set.of("port")));
                serve(config(args), command.equals("demo"));
            }
            case "site save" -> {
                args.allowOnly(union(COMMON_FLAGS, Set.of("id", "name", "origin", "edit-window-minutes", "max-comment-length")));
                withSites(args, sites -> saveSite(sites, args));
            }
            case "site list" -> {
                args.allowOnly(COMMON_FLAGS);
                withSites(args, sites -> sites.all().forEach(this::printSite));
            }
            case "site rotate-secret" -> {
                args.allowOnly(union(COMMON_FLAGS, Set.of("id")));
                withSites(args, sites -> out.println("secret: " + sites.rotateSecret(siteId(args.required("id")))));
            }
            case "admin create-user", "admin list-users", "admin disable-user" -> {
                args.allowOnly(union(COMMON_FLAGS, AdminCommands.flags(command)));
                new AdminCommands(out, System.in, System.console()).run(command, args, config(args));
            }
            case "model train", "model eval", "model score", "model check" -> ModelCommands.run(args, out, System.in);
            case "help", "" -> out.print(USAGE);
            default -> throw new Args.UsageException("unknown command '" + command + "'");
        }
    }

    private void serve(ParleyConfig config, boolean demo) {
        Parley parley = Parley.start(config, Clock.systemUTC(), demo);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            parley.close();
            stopped.countDown();
        }, "parley-shutdown"));
        out.println("Parley is running at " + config.server().publicUrl() + (demo ? "/demo" : "/")
                + " (store: " + config.store().vendor().name().toLowerCase(java.util.Locale.ROOT) + ")");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void saveSite(Sites sites, Args args) {
        int minutes = args.integer("edit-window-minutes", (int) NewSite.DEFAULT_EDIT_WINDOW.toMinutes());
        int maxLength = args.integer("max-comment-length", NewSite.DEFAULT_MAX_COMMENT_LENGTH);
        ImageRules images = new ImageRules(args.integer("images-per-comment", ImageRules.DEFAULT_PER_COMMENT),
                (long) args.integer("max-image-mb", (int) (ImageRules.DEFAULT_MAX_BYTES >> 20)) << 20,
                args.integer("max-image-megapixels", (int) (ImageRules.DEFAULT_MAX_PIXELS / 1_000_000)) * 1_000_000L);
        SavedSite saved = sites.save(new NewSite(siteId(args.required("id")), args.required("name"),
                new java.util.LinkedHashSet<>(args.all("origin")), Duration.ofMinutes(minutes), maxLength, images));
        printSite(saved.site());
        saved.newSecret().ifPresent(secret -> out.println("secret: " + secret + "   (shown once; keep it for page metadata calls)"));
    }

    private void printSite(Site site) {
        out.println(site.id() + "  " + site.name() + "  origins: " + String.join(" ", site.origins().stream().sorted().toList())
                + "  edit window: " + site.editWindow().toMinutes() + " min  max length: " + site.maxCommentLength()
                + "  images: " + site.images().perComment() + " per comment, up to " + (site.images().maxBytes() >> 20)
                + " MiB and " + site.images().maxPixels() / 1_000_000 + " MP");
    }

    private void withSites(Args args, java.util.function.Consumer<Sites> work) {
        try (Database db = Database.open(config(args).store())) {
            work.accept(Sites.create(db, Clock.systemUTC()));
        }
    }

    private ParleyConfig config(Args args) {
        Map<ConfigKey, String> flags = new EnumMap<>(ConfigKey.class);
        args.flag("port").ifPresent(port -> flags.put(ConfigKey.SERVER_PORT, port));
        args.flag("data").ifPresent(dir -> flags.put(ConfigKey.DATA_DIR, dir));
        Optional<Path> file = args.flag("config").or(() -> Optional.ofNullable(env.get("PARLEY_CONFIG"))).map(Path::of);
        if (file.isPresent() && !Files.isRegularFile(file.get())) {
            throw new IllegalArgumentException("configuration file " + file.get() + " does not exist");
        }
        Path local = Path.of("parley.properties");
        if (file.isEmpty() && Files.isRegularFile(local)) {
            file = Optional.of(local);
        }
        return ParleyConfig.load(env, file, flags);
    }

    private static SiteId siteId(String raw) {
        if (!SiteId.isValid(raw)) {
            throw new Args.UsageException("--id must be 1-40 lowercase letters, digits or dashes, was '" + raw + "'");
        }
        return new SiteId(raw);
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).collect(java.util.stream.Collectors.toSet());
    }

    static List<String> commands() {
        return List.of("serve", "demo", "site save", "site list", "site rotate-secret", "admin create-user",
                "admin list-users", "admin disable-user", "model train", "model eval", "model score", "model check", "help");
    }
}
