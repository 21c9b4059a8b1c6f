package org.parley.cli;

import java.util.List;
import java.util.Optional;
import org.parley.media.MediaConfig;
import org.parley.sites.ImageRules;
import org.parley.sites.NewSite;

/**
 * Every {@code parley} command with its flags: the one list that usage text, {@code --help}, the flag
 * check and the README's command table come from (a test holds the README to it). Newsroom scripts rely on
 * these names and flags; change them only on purpose.
 */
final class Commands {

    private static final Flag MODEL = Flag.optional("model", "FILE", "Model file (default: the model shipped in the jar)");
    private static final Flag ENCODER = Flag.optional("encoder", "on|off", "off: score with the fast model alone (default on)");
    private static final Flag SITE_ID = Flag.required("id", "ID", "The site's id: 1-40 lowercase letters, digits or dashes");

    static final List<Command> ALL = List.of(
            new Command("serve", "Run Parley: SQLite in DIR/parley.db unless PARLEY_DB_URL names PostgreSQL. One server per SQLite"
                    + " file: it refuses to start on a file another Parley serves; several nodes need PostgreSQL.",
                    Command.DatabaseUse.SERVE, List.of(port())),
            new Command("demo", "As serve, plus the demo newsroom: an article at /demo with a seeded thread.",
                    Command.DatabaseUse.SERVE, List.of(port())),
            new Command("site save", "Create a site (prints its API secret once) or update it; a flag left out keeps the site's "
                    + "current value (for a new site, the default). 0 images per comment turns images off.",
                    Command.DatabaseUse.CREATE_IF_MISSING, List.of(
                    SITE_ID,
                    Flag.required("name", "NAME", "The site's name, as moderators see it"),
                    Flag.required("origin", "URL", "An origin the site's pages are served from, like https://www.courier.example;"
                            + " the list replaces the site's").mayRepeat(),
                    Flag.number("edit-window-minutes", 0, NewSite.MAX_EDIT_WINDOW.toMinutes(),
                            "Minutes an author may edit or delete a comment; default " + NewSite.DEFAULT_EDIT_WINDOW.toMinutes()),
                    Flag.number("max-comment-length", 1, NewSite.MAX_COMMENT_LENGTH_LIMIT,
                            "Longest comment, in characters; default " + NewSite.DEFAULT_MAX_COMMENT_LENGTH),
                    Flag.number("images-per-comment", 0, ImageRules.MAX_PER_COMMENT,
                            "Images a comment may carry, 0 for none; default " + ImageRules.DEFAULT_PER_COMMENT),
                    Flag.number("max-image-mb", 1, MediaConfig.MAX_UPLOAD_BYTES_LIMIT >> 20,
                            "Largest image upload, in MiB; default " + (ImageRules.DEFAULT_MAX_BYTES >> 20)
                                    + "; the server's media.maxUploadBytes caps it"),
                    Flag.number("max-image-megapixels", 1, MediaConfig.MAX_PIXELS_LIMIT / 1_000_000,
                            "Largest image, in megapixels; default " + ImageRules.DEFAULT_MAX_PIXELS / 1_000_000
                                    + "; the server's media.maxPixels caps it"))),
            new Command("site list", "List sites with their origins and settings.", Command.DatabaseUse.EXISTING_ONLY, List.of()),
            new Command("site rotate-secret", "Replace a site's API secret and print the new one.",
                    Command.DatabaseUse.EXISTING_ONLY, List.of(SITE_ID)),
            LoginCommands.COMMAND,
            OidcCommands.COMMAND,
            new Command("admin create-user", "Create a staff account (the first admin too). The password is prompted for, or read "
                    + "from the first line of standard input; it is never a flag.", Command.DatabaseUse.CREATE_IF_MISSING, List.of(
                    Flag.required("username", "NAME", "The account's sign-in name"),
                    Flag.required("role", "admin|moderator", "An admin moderates every site; a moderator the --sites given"),
                    Flag.optional("sites", "SITE[:SECTION],…", "What a moderator moderates: whole sites, or sections of them;"
                            + " required for moderators, refused for admins; may be repeated"))),
            new Command("admin list-users", "List staff accounts with their role, sites and status.",
                    Command.DatabaseUse.EXISTING_ONLY, List.of()),
            new Command("admin set-email", "Set where a staff member gets alerts when reports or flagged comments pile up on a site"
                    + " they moderate.", Command.DatabaseUse.EXISTING_ONLY, List.of(
                    Flag.required("username", "NAME", "The staff account"),
                    Flag.required("email", "ADDRESS|none", "Where alerts go; none stops them"))),
            new Command("admin disable-user", "Disable a staff account and end its sessions.", Command.DatabaseUse.EXISTING_ONLY,
                    List.of(Flag.required("username", "NAME", "The account to disable"))),
            ImportCommands.DISQUS,
            ImportCommands.WORDPRESS,
            ImportCommands.REMARK42,
            ImportCommands.COMMENTO,
            ImportCommands.PARLEY,
            ImportCommands.EXPORT,
            new Command("backup", "Write a consistent copy of the SQLite database to FILE, a new file, while Parley runs;"
                    + " print its size and comment count. PostgreSQL: use pg_dump.", Command.DatabaseUse.EXISTING_ONLY,
                    List.of(Flag.required("to", "FILE", "Where to write the copy: a file that does not exist yet, in a directory that does"))),
            new Command("model train", "Train the abuse model on the data sets in DIR (same inputs, same bytes).",
                    Command.DatabaseUse.NONE, List.of(
                    Flag.required("data", "DIR", "Folder of training data sets (see docs/MODEL.md)"),
                    Flag.required("out", "FILE", "Where to write the model"),
                    Flag.number("seed", 0, Integer.MAX_VALUE, "Random seed; default 1"),
                    Flag.optional("hold-out", "NAME", "A data set to leave out of training").mayRepeat(),
                    Flag.optional("vectors", "FILE", "Where the encoder's vectors of the training texts are kept between runs"
                            + " (default: parley/abuse-vectors.bin in $XDG_CACHE_HOME or ~/.cache)"))),
            new Command("model eval", "ROC AUC and macro-F1 per data set split.", Command.DatabaseUse.NONE, List.of(
                    Flag.required("data", "DIR", "Folder of data sets to measure on"), MODEL, ENCODER)),
            new Command("model score", "Read one text per line on standard input; print its abuse probability per line.",
                    Command.DatabaseUse.NONE, List.of(MODEL, ENCODER)),
            new Command("model check", "Score each comment of a captured news page; with expectations, fail unless exactly the "
                    + "--flagged comments reach the flag line.", Command.DatabaseUse.NONE, List.of(
                    Flag.required("thread", "FILE", "The page captured as plain text"), MODEL, ENCODER,
                    Flag.optional("flagged", "N,…", "Numbers of the comments that must be flagged"),
                    Flag.optional("at-most-low", "N,…", "Numbers of the comments that must score at most low"))),
            new Command("aot-cache", "JDK 25 or newer: build the cache that makes serve and demo start faster (classes loaded and"
                    + " linked, method profiles): a training run starts a server on a temporary database, reads and posts, and stops."
                    + " The launcher uses it while Java, the jars and PARLEY_JAVA_OPTS are those it was built with; run this again"
                    + " after changing them (it does nothing while the cache is current).",
                    Command.DatabaseUse.NONE, List.of()),
            new Command("help", "Show this text; 'parley COMMAND --help' shows one command's flags.", Command.DatabaseUse.NONE,
                    List.of()));

    private Commands() {
    }

    private static Flag port() {
        return Flag.number("port", 0, 65_535, "HTTP port (env PARLEY_PORT, default 8080; 0 picks a free one)");
    }

    /** The names of every flag that takes no value ({@code --dry-run}), whichever command it belongs to. */
    static java.util.Set<String> toggles() {
        return ALL.stream().flatMap(command -> command.flags().stream()).filter(Flag::toggle).map(Flag::name)
                .collect(java.util.stream.Collectors.toSet());
    }

    static Optional<Command> find(String name) {
        return ALL.stream().filter(command -> command.name().equals(name)).findFirst();
    }

    /**
     * The command that {@code words} name; stray words after it (often a value that needed quotes) and
     * unknown commands are usage mistakes.
     */
    static Command resolve(List<String> words) {
        for (int length = Math.min(2, words.size()); length >= 1; length--) {
            Optional<Command> found = find(String.join(" ", words.subList(0, length)));
            if (found.isPresent()) {
                if (length < words.size() && found.get().operand().isPresent() && length + 1 == words.size()) {
                    return found.get();
                }
                if (length < words.size()) {
                    throw new Args.UsageException("unexpected '" + words.get(length) + "' after 'parley " + found.get().name()
                            + "'; every value follows its flag, in quotes if it has spaces (--name \"The Courier\")");
                }
                return found.get();
            }
        }
        String name = String.join(" ", words);
        List<Command> group = group(words.getFirst());
        throw new Args.UsageException(group.isEmpty() ? "unknown command '" + name + "'"
                : words.size() == 1 ? "'parley " + name + "' needs one of: " + String.join(", ", group.stream().map(Command::name).toList())
                : "unknown command '" + name + "'; '" + words.getFirst() + "' has " + String.join(", ", group.stream().map(Command::name).toList()));
    }

    /** The text {@code --help} prints for {@code words}: one command, a group ({@code site}), or everything. */
    static String help(List<String> words) {
        if (words.isEmpty() || words.equals(List.of("help"))) {
            return usage();
        }
        List<Command> group = words.size() == 1 ? group(words.getFirst()) : List.of();
        if (find(words.getFirst()).isEmpty() && !group.isEmpty()) {
            StringBuilder out = new StringBuilder("Usage: parley " + words.getFirst() + " <command> [flags]\n\nCommands:\n");
            group.forEach(command -> out.append(command.entry()));
            return out.append("\nEach command also takes --help, -h.\n").toString();
        }
        return resolve(words).usage();
    }

    /** Everything: {@code parley}, {@code parley help}, {@code parley --help}. */
    static String usage() {
        StringBuilder out = new StringBuilder("""
                Usage: parley <command> [flags]
                       parley <command> --help       one command's flags, with their ranges and defaults

                Commands:
                """);
        ALL.forEach(command -> out.append(command.entry()));
        return out.append("""

                Commands that open the database (serve, demo, site …, admin …, import …, export, backup) print which one they opened on
                standard error. Run site, admin and backup commands with the --data (or PARLEY_DATA, or PARLEY_DB_URL) the
                server uses.
                """).toString();
    }

    /** The commands whose first word is {@code word}, e.g. every {@code site …} command. */
    private static List<Command> group(String word) {
        return ALL.stream().filter(command -> command.name().startsWith(word + " ")).toList();
    }
}
