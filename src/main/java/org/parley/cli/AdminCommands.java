package org.parley.cli;

import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.parley.http.ParleyException;
import org.parley.sites.Sites;
import org.parley.staff.NewStaffUser;
import org.parley.staff.Role;
import org.parley.staff.Scope;
import org.parley.staff.Staff;
import org.parley.staff.StaffAccount;
import org.parley.staff.StaffConfig;
import org.parley.staff.StaffUser;
import org.parley.store.Database;
import org.parley.web.ParleyConfig;

/**
 * {@code parley admin …}: the newsroom's staff accounts from the command line, the first admin
 * included. A password is never a flag (it would sit in the shell history and the process list): it is
 * prompted for without echo on a terminal, and otherwise read from the first line of standard input, so
 * scripts can pipe it in.
 */
final class AdminCommands {

    private static final int MAX_PASSWORD_LINE_BYTES = 8 * 1024;

    private final PrintStream out;
    private final InputStream in;
    private final Console console;

    /** The account {@code admin create-user} makes, with its password: read and checked before the database opens. */
    private Optional<Prepared> prepared = Optional.empty();

    private record Prepared(NewAccount account, String password) {
    }

    AdminCommands(Terminal terminal) {
        this.out = terminal.out();
        this.in = terminal.in();
        this.console = terminal.console();
    }

    /**
     * Runs {@code admin create-user}, {@code admin list-users} or {@code admin disable-user} on {@code db};
     * a refusal from the staff feature becomes an IllegalArgumentException.
     */
    void run(String command, Args args, ParleyConfig config, Database db) {
        Staff staff = Staff.create(db, Clock.systemUTC(), StaffConfig.forPublicUrl(config.server().publicUrl()));
        try {
            switch (command) {
                case "admin create-user" -> createUser(args, db, staff);
                case "admin list-users" -> listUsers(staff);
                case "admin disable-user" -> out.println("disabled " + staff.disableUser(args.required("username")).username()
                        + "; their sessions have ended");
                case "admin set-email" -> {
                    String email = args.required("email");
                    staff.setEmail(args.required("username"), email.equals("none") ? java.util.Optional.empty() : java.util.Optional.of(email));
                    out.println(email.equals("none") ? "no alert emails for " + args.required("username")
                            : "alerts for " + args.required("username") + " go to " + email);
                }
                default -> throw new IllegalArgumentException("not an admin command: " + command);
            }
        } catch (ParleyException e) {
            String fields = e instanceof ParleyException.InvalidInput invalid && invalid.errors().size() > 1
                    ? invalid.errors().stream().map(error -> error.field() + " " + error.message())
                            .collect(Collectors.joining("; ", " (", ")"))
                    : "";
            throw new IllegalArgumentException(e.detail() + fields, e);
        }
    }

    /** The account {@code admin create-user} asks for, checked before any database is opened. */
    record NewAccount(String username, Role role, List<Scope> scopes) {

        static NewAccount of(Args args) {
            Role role;
            try {
                role = Role.of(args.required("role"));
            } catch (IllegalArgumentException e) {
                throw new Args.UsageException("--" + e.getMessage());
            }
            List<Scope> scopes = AdminCommands.scopes(args.all("sites"));
            if (role == Role.ADMIN && !scopes.isEmpty()) {
                throw new Args.UsageException("--sites is for moderators; an admin moderates every site");
            }
            if (role == Role.MODERATOR && scopes.isEmpty()) {
                throw new Args.UsageException("a moderator needs --sites, e.g. --sites courier,herald:sport");
            }
            return new NewAccount(args.required("username"), role, scopes);
        }
    }

    /**
     * Reads and checks what {@code admin create-user} needs from the flags and the password, before any database
     * is opened, so a mistake leaves none behind. Call before {@link #run}.
     */
    void prepareCreateUser(Args args) {
        NewAccount account = NewAccount.of(args);
        String password = password(account.username());
        try {
            Staff.refuseInvalid(new NewStaffUser(account.username(), account.role(), account.scopes()), password);
        } catch (ParleyException e) {
            throw new IllegalArgumentException(e.detail(), e);
        }
        prepared = Optional.of(new Prepared(account, password));
    }

    private void createUser(Args args, Database db, Staff staff) {
        if (prepared.isEmpty()) {
            prepareCreateUser(args);
        }
        NewAccount account = prepared.get().account();
        Sites sites = Sites.create(db, Clock.systemUTC());
        for (Scope scope : account.scopes()) {
            if (sites.find(scope.site()).isEmpty()) {
                throw new IllegalArgumentException("site '" + scope.site() + "' does not exist; create it first with "
                        + "'parley site save --id " + scope.site() + " …' or check the spelling");
            }
        }
        StaffUser user = staff.createUser(new NewStaffUser(account.username(), account.role(), account.scopes()),
                prepared.get().password());
        out.println("created " + user.role().text() + " " + user.username() + " (" + user.id() + ")"
                + (user.scopes().isEmpty() ? "" : " for " + describe(user.scopes())));
    }

    private void listUsers(Staff staff) {
        List<StaffAccount> accounts = staff.accounts();
        if (accounts.isEmpty()) {
            out.println("no staff accounts yet; create the first admin with: parley admin create-user --username NAME --role admin");
        }
        for (StaffAccount account : accounts) {
            StaffUser user = account.user();
            out.println(user.username() + "  " + user.role().text()
                    + (user.isAdmin() ? "  all sites" : "  " + describe(user.scopes()))
                    + (account.disabled() ? "  (disabled)" : ""));
        }
    }

    /** {@code --sites a,b:c} (the flag may also be repeated). */
    private static List<Scope> scopes(List<String> values) {
        List<Scope> scopes = new ArrayList<>();
        for (String value : values) {
            for (String entry : value.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                try {
                    scopes.add(Scope.parse(entry));
                } catch (IllegalArgumentException e) {
                    throw new Args.UsageException("--sites: " + e.getMessage());
                }
            }
        }
        return scopes;
    }

    private static String describe(List<Scope> scopes) {
        return scopes.stream().map(Scope::toString).collect(Collectors.joining(", "));
    }

    private String password(String username) {
        if (console != null) {
            char[] first = console.readPassword("Password for %s (at least 12 characters): ", username);
            char[] second = console.readPassword("The same password again: ");
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw new IllegalArgumentException("the two passwords differ; nothing was created");
            }
            String password = new String(first);
            Arrays.fill(first, '\0');
            Arrays.fill(second, '\0');
            return password;
        }
        return firstLine();
    }

    /** The first line of standard input without its line ending, decoded as strict UTF-8. */
    private String firstLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b;
            while ((b = in.read()) != -1 && b != '\n') {
                if (line.size() >= MAX_PASSWORD_LINE_BYTES) {
                    throw new IllegalArgumentException("the first line of standard input is too long for a password");
                }
                line.write(b);
            }
            if (b == -1 && line.size() == 0) {
                throw new IllegalArgumentException("no password: type it at the prompt, or pipe it in as the first line of standard input");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading the password from standard input", e);
        }
        byte[] bytes = line.toByteArray();
        int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, length));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("the password on standard input is not valid UTF-8", e);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }
}
