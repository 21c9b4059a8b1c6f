package org.parley.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.parley.http.ParleyException;
import org.parley.store.Database;
import org.parley.web.ConfigKey;
import org.parley.web.LogFormat;
import org.parley.web.Parley;
import org.parley.web.ParleyConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * {@code parley <command>}: the commands a newsroom's scripts rely on; {@link Commands} lists them with
 * their flags. Results go to standard output; which database a command opened, and mistakes, to standard
 * error. Exit status 0 on success (and for help), 1 when the command failed, 2 when it was invoked wrongly
 * or asked for what cannot be done as asked.
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private final Terminal terminal;
    private final Map<String, String> env;
    /** Set when a server starts with logging.format=json: what it announces, and why it stopped, are log lines then. */
    private boolean serverLogsJson;

    Main(Terminal terminal, Map<String, String> env) {
        this.terminal = terminal;
        this.env = env;
    }

    public static void main(String[] argv) {
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        int status = new Main(Terminal.system(), System.getenv()).run(argv);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs one command line and returns its exit status; nothing is thrown for a mistake, it is printed. */
    int run(String[] argv) {
        Optional<Command> command = Optional.empty();
        try {
            Args args = Args.parse(argv);
            if (args.words().isEmpty() || args.words().getFirst().equals("help") || args.help()) {
                boolean helpWord = !args.words().isEmpty() && args.words().getFirst().equals("help");
                terminal.out().print(Commands.help(helpWord ? args.words().subList(1, args.words().size()) : args.words()));
                return 0;
            }
            command = Optional.of(Commands.resolve(args.words()));
            args.check(command.get());
            execute(command.get(), args);
            return 0;
        } catch (Args.UsageException e) {
            terminal.err().println("parley: " + e.getMessage() + "\n");
            terminal.err().print(command.map(Command::usage).orElseGet(Commands::usage));
            return 2;
        } catch (Args.Refused e) {
            terminal.err().println("parley: " + e.getMessage());
            return 2;
        } catch (ParleyException e) {
            fail(e.detail());
            return 1;
        } catch (IllegalArgumentException | IllegalStateException | UncheckedIOException e) {
            fail(e.getMessage());
            return 1;
        }
    }

    private void execute(Command command, Args args) {
        switch (command.database()) {
            case NONE -> {
                if (command.name().equals("aot-cache")) {
                    new StartupTraining(terminal.out()).run();
                } else {
                    ModelCommands.run(command, args, terminal.out(), terminal.in());
                }
            }
            case SERVE -> serve(config(args), command.name().equals("demo"));
            case CREATE_IF_MISSING, EXISTING_ONLY -> {
                // Mistakes in the flags (and the password) are found before a database is opened, so none is created for them.
                AdminCommands admin = new AdminCommands(terminal);
                if (command.name().equals("admin create-user")) {
                    admin.prepareCreateUser(args);
                } else if (command.name().equals("site save") || command.name().equals("site rotate-secret")) {
                    SiteCommands.check(command, args);
                } else if (command.name().startsWith("import ")) {
                    ImportCommands.request(command, args);
                } else if (command.name().equals("export")) {
                    ImportCommands.siteId(args.required("site"));
                }
                ParleyConfig config = config(args);
                Optional<Path> backup = command.name().equals("backup")
                        ? Optional.of(BackupCommand.target(args, config.store())) : Optional.empty();
                try (Database db = CommandDatabase.open(command, config.store(), terminal.err())) {
                    if (command.name().equals("site sign-in")) {
                        new LoginCommands(terminal).run(args, db, config.server().publicUrl());
                    } else if (command.name().equals("site oidc")) {
                        new OidcCommands(terminal).run(args, db, config.server().publicUrl());
                    } else if (command.name().startsWith("import ")) {
                        new ImportCommands(terminal).run(command, args, db, config);
                    } else if (command.name().equals("export")) {
                        new ImportCommands(terminal).export(args, db, config);
                    } else if (command.name().startsWith("site ")) {
                        new SiteCommands(terminal).run(command, args, db, config.media());
                    } else if (backup.isPresent()) {
                        BackupCommand.run(backup.get(), db, config.store(), terminal.out());
                    } else {
                        admin.run(command.name(), args, config, db);
                    }
                }
            }
        }
    }

    private void serve(ParleyConfig config, boolean demo) {
        // A JSON log is read by a collector: the server's own announcements are log lines there too.
        serverLogsJson = config.logFormat() == LogFormat.JSON;
        boolean existed = CommandDatabase.exists(config.store());
        Parley parley = Parley.start(config, Clock.systemUTC(), demo);
        announce(terminal.err(), "parley: ", CommandDatabase.served(config.store(), existed));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                parley.close();
            } finally {
                LogOutput.stop();
                stopped.countDown();
            }
        }, "parley-shutdown"));
        announce(terminal.out(), "", "Parley is running at " + config.server().publicUrl() + (demo ? "/demo" : "/")
                + " (store: " + config.store().vendor().name().toLowerCase(Locale.ROOT) + ")");
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void announce(PrintStream stream, String prefix, String line) {
        if (serverLogsJson) {
            LOG.info(line);
        } else {
            stream.println(prefix + line);
        }
    }

    private void fail(String message) {
        if (serverLogsJson) {
            LOG.error(message);
        } else {
            terminal.err().println("parley: " + message);
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
        ParleyConfig config = ParleyConfig.load(env, file, flags);
        // Before anything is opened, so every line the command logs is in the chosen format.
        LogOutput.use(config.logFormat());
        return config;
    }
}
