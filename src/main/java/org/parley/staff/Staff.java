package org.parley.staff;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.parley.http.FieldError;
import org.parley.http.ParleyException;
import org.parley.http.RequestProblem;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.store.SharedCache;

/**
 * The staff feature's door: the newsroom's admins and moderators, their sign-in sessions and the checks
 * every dashboard handler runs — who is signed in ({@link #requireSession}), may they act here
 * ({@link StaffUser#mayModerate}), and did the form come from our own page ({@link #requireSameOrigin},
 * {@link #requireCsrf}). Thread-safe; build one per process.
 */
public final class Staff {

    static final String COOKIE = "parley_staff";
    static final String COOKIE_PATH = "/admin";
    static final String HOME = "/admin";
    static final String LOGIN_PATH = "/admin/login";
    private static final int MAX_USERNAME_LENGTH = 64;
    private static final int MAX_NEXT_LENGTH = 2000;

    private final Database db;
    private final Clock clock;
    private final StaffConfig config;
    private final Passwords passwords;
    private final StaffRepository repository = new StaffRepository();
    private final LoginLimits limits;
    private final StaffSessions sessions;
    /** Who is staff, enabled: every guest comment with a name asks (see {@link #namesOn}), so it is kept in memory. */
    private final SharedCache<List<StaffUser>> enabled;
    private static final String ALL = "all";

    private Staff(Database db, Clock clock, StaffConfig config, Passwords.Params cost) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.passwords = new Passwords(cost);
        this.limits = new LoginLimits(db, clock, config);
        this.sessions = new StaffSessions(db, clock, config, repository);
        this.enabled = db.caches().cache("staff-users", 1, (h, key) -> repository.accounts(h).stream()
                .filter(account -> !account.disabled()).map(StaffAccount::user).toList());
    }

    /**
     * The usernames of the enabled staff who moderate {@code site} (empty: of all staff): names no guest may post under
     * there, and no account may take.
     */
    public List<String> namesOn(Optional<SiteId> site) {
        return enabled.get(ALL).stream()
                .filter(user -> site.isEmpty() || user.isAdmin() || user.scopes().stream().anyMatch(scope -> scope.site().equals(site.get())))
                .map(StaffUser::username).toList();
    }

    /** Staff over {@code db}; sessions and sign-in limits follow {@code config}. */
    public static Staff create(Database db, Clock clock, StaffConfig config) {
        return new Staff(db, clock, config, Passwords.DEFAULT);
    }

    /** For tests: cheaper password hashing. */
    static Staff create(Database db, Clock clock, StaffConfig config, Passwords.Params cost) {
        return new Staff(db, clock, config, cost);
    }

    /**
     * Checks an account to be created against {@link #createUser}'s rules without touching the database, so a
     * command can refuse a mistake before it opens (or creates) one.
     *
     * @throws ParleyException.InvalidInput listing every field that breaks the rules
     */
    public static void refuseInvalid(NewStaffUser request, String password) {
        String username = normalize(request.username());
        List<FieldError> errors = new ArrayList<>();
        if (!validUsername(username)) {
            errors.add(new FieldError("username", "must be 1-" + MAX_USERNAME_LENGTH
                    + " letters, digits, '.', '_', '-' or '@', starting with a letter or digit"));
        }
        if (request.role() == Role.ADMIN && !request.scopes().isEmpty()) {
            errors.add(new FieldError("sites", "must be empty for an admin, who moderates every site"));
        }
        if (request.role() == Role.MODERATOR && request.scopes().isEmpty()) {
            errors.add(new FieldError("sites", "must name at least one site (or site:section) for a moderator"));
        }
        int length = password.codePointCount(0, password.length());
        if (length < Passwords.MIN_LENGTH || length > Passwords.MAX_LENGTH) {
            errors.add(new FieldError("password", "must be " + Passwords.MIN_LENGTH + " to " + Passwords.MAX_LENGTH
                    + " characters, was " + length));
        }
        if (!errors.isEmpty()) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_FIELD, errors.size() == 1
                    ? "Field '" + errors.getFirst().field() + "' " + errors.getFirst().message() + "."
                    : errors.size() + " fields are invalid; see errors.", errors);
        }
    }

    /**
     * Creates an account. Usernames are 1–64 lowercase letters, digits, {@code . _ - @} (stored lowercase);
     * passwords 12–1024 characters; an admin has no scopes and a moderator at least one. Takes tens of
     * milliseconds (the password hash).
     *
     * @throws ParleyException.InvalidInput listing every field that breaks these rules
     * @throws ParleyException.Conflict     {@code staff-username-taken} when the username exists
     */
    public StaffUser createUser(NewStaffUser request, String password) {
        refuseInvalid(request, password);
        String username = normalize(request.username());
        var user = new NewStaffUser(username, request.role(), List.copyOf(new LinkedHashSet<>(request.scopes())));
        String hash = passwords.hash(password);
        var now = clock.instant();
        StaffId id = new StaffId(db.ids().next("st", now.toEpochMilli()));
        return db.write(h -> {
            enabled.changed(ALL);
            if (!repository.insertUser(h, id, user, hash, now)) {
                throw new ParleyException.Conflict(StaffProblem.STAFF_USERNAME_TAKEN,
                        "There is already a staff account named '" + username + "'.");
            }
            return repository.user(h, id).orElseThrow();
        });
    }

    /** Every account, disabled ones included, ordered by username. */
    public List<StaffAccount> accounts() {
        return db.read(repository::accounts);
    }

    /** The account with this id, disabled or not, e.g. to name the moderator behind an audit entry. */
    /**
     * Sets where {@code username} gets moderator alerts (empty: nowhere); a 404 problem for an unknown user, 400 for an
     * address that is not one.
     */
    public void setEmail(String username, Optional<String> email) {
        Optional<String> address = email.map(String::strip).filter(e -> !e.isEmpty());
        if (address.isPresent() && !address.get().matches("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+") || address.map(String::length).orElse(0) > 254) {
            throw new ParleyException.InvalidInput(StaffProblem.INVALID_STAFF_EMAIL, "'" + address.get() + "' is not an email address.");
        }
        if (!db.write(h -> repository.setEmail(h, username.toLowerCase(java.util.Locale.ROOT), address))) {
            throw new ParleyException.NotFound(StaffProblem.UNKNOWN_STAFF_USER, "There is no staff account '" + username + "'.");
        }
    }

    /** The staff who moderate {@code site} (admins, and moderators with a scope on it) and gave an alert address, with it. */
    public List<Map.Entry<StaffUser, String>> alertRecipients(SiteId site) {
        return db.read(repository::withEmail).stream()
                .filter(e -> e.getKey().isAdmin() || e.getKey().scopes().stream().anyMatch(scope -> scope.site().equals(site)))
                .toList();
    }

    public Optional<StaffUser> user(StaffId id) {
        return db.read(h -> repository.user(h, id));
    }

    /**
     * Disables an account: it can no longer sign in, and its sessions end (at once on this node, within
     * about a second on others). Disabling twice is harmless.
     *
     * @throws ParleyException.NotFound {@code unknown-staff-user}
     */
    public StaffUser disableUser(String username) {
        String name = normalize(username);
        StaffUser user = db.write(h -> {
            StaffUser found = repository.credentials(h, name).map(StaffRepository.Credentials::user)
                    .orElseThrow(() -> new ParleyException.NotFound(StaffProblem.UNKNOWN_STAFF_USER,
                            "There is no staff account named '" + name + "'."));
            sessions.userChanges(h, found.id());
            repository.disable(h, found.id(), clock.instant());
            enabled.changed(ALL);
            return found;
        });
        return user;
    }

    /** The session of the request's {@code parley_staff} cookie, if it names a live one. */
    public Optional<Session> session(ServerRequest req) {
        for (String token : req.headers().cookies().all(COOKIE, List::of)) {
            Optional<Session> found = sessions.find(token);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    /**
     * The request's session.
     *
     * @throws ParleyException.Forbidden {@code staff-login-required} (401) without one; HTML pages should
     *                                   rather check {@link #session} and redirect to {@link #loginLocation}
     */
    public Session requireSession(ServerRequest req) {
        return session(req).orElseThrow(() -> new ParleyException.Forbidden(StaffProblem.STAFF_LOGIN_REQUIRED,
                "Sign in at " + LOGIN_PATH + " first; a staff session ends on logout, after "
                        + config.sessionIdleTimeout().toMinutes() + " idle minutes, or when the account is disabled."));
    }

    /**
     * Checks a state-changing request's CSRF token (the form field {@code csrf}) against the session's,
     * in constant time.
     *
     * @throws ParleyException.Forbidden {@code csrf-token-invalid}
     */
    public void requireCsrf(Session session, String submitted) {
        byte[] expected = session.csrfToken().getBytes(StandardCharsets.UTF_8);
        byte[] actual = (submitted == null ? "" : submitted).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, actual)) {
            throw new ParleyException.Forbidden(StaffProblem.CSRF_TOKEN_INVALID,
                    "This form's security token is missing or out of date; reload the page and send it again.");
        }
    }

    /**
     * Checks that a state-changing request comes from a page of Parley itself: its {@code Origin} (or,
     * without one, its {@code Referer}) must be the configured public origin or match the host (and port) the
     * request was sent to. Browsers send one of them with every form post.
     *
     * @throws ParleyException.Forbidden {@code cross-origin-form}
     */
    public void requireSameOrigin(ServerRequest req) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN).filter(value -> !value.equals("null"))
                .or(() -> req.headers().first(HeaderNames.REFERER).flatMap(Staff::originOf));
        String host = java.util.Objects.requireNonNullElse(req.authority(), "");
        boolean same = origin.filter(o -> o.equalsIgnoreCase(config.publicOrigin())
                || (!host.isEmpty() && authorityOf(o).equalsIgnoreCase(host))).isPresent();
        if (!same) {
            throw new ParleyException.Forbidden(StaffProblem.CROSS_ORIGIN_FORM, origin
                    .map(o -> "Forms from " + o + " are not accepted here; use the dashboard at " + config.publicOrigin() + HOME + ".")
                    .orElse("The request carries neither Origin nor Referer; send the form from the dashboard's own page."));
        }
    }

    /**
     * Where to send a visitor without a session: the login page, returning to {@code next} afterwards if
     * that is a dashboard path ({@code /admin…}); anything else returns to {@code /admin}.
     */
    public String loginLocation(String next) {
        String target = safeNext(next);
        return target.equals(HOME) ? LOGIN_PATH : LOGIN_PATH + "?next=" + URLEncoder.encode(target, StandardCharsets.UTF_8);
    }

    /** The login and logout pages, to mount at the server root. */
    public HttpService routes() {
        return new StaffRoutes(this, config);
    }

    /**
     * Checks a password, rate-limited per username and per client address. Unknown, disabled and
     * wrong-password attempts look and take alike.
     *
     * @throws ParleyException.RateLimited {@code login-rate-limited}
     */
    LoginOutcome login(String username, String password, String clientAddress) {
        String name = normalize(username);
        boolean plausible = validUsername(name) && password.length() <= Passwords.MAX_LENGTH;
        limits.begin(plausible ? name : "", clientAddress);
        Optional<StaffRepository.Credentials> found = plausible ? db.read(h -> repository.credentials(h, name)) : Optional.empty();
        if (found.isEmpty() || found.get().disabled()) {
            passwords.verifyNothing(password);
            return new LoginOutcome.Refused();
        }
        StaffRepository.Credentials account = found.get();
        if (!passwords.verify(password, account.passwordHash())) {
            return new LoginOutcome.Refused();
        }
        limits.succeeded(name, clientAddress);
        if (passwords.needsRehash(account.passwordHash())) {
            String stronger = passwords.hash(password);
            db.write(h -> {
                repository.updatePasswordHash(h, account.user().id(), stronger);
                return null;
            });
        }
        StaffSessions.Started started = sessions.start(account.user());
        return new LoginOutcome.SignedIn(started.session(), started.token());
    }

    /** The session a cookie token stands for. */
    Optional<Session> session(String token) {
        return sessions.find(token);
    }

    /** Ends the session, as logout does. */
    void logout(Session session) {
        sessions.end(session.id());
    }

    /** {@code next} if it is a plain dashboard path, else {@code /admin}: never another site, never a scheme. */
    static String safeNext(String next) {
        boolean dashboard = next.equals(HOME) || next.startsWith(HOME + "/") || next.startsWith(HOME + "?");
        if (!dashboard || next.length() > MAX_NEXT_LENGTH || next.contains("//") || next.contains("/..")
                || !next.chars().allMatch(Staff::urlCharacter)) {
            return HOME;
        }
        return next;
    }

    /** Characters a path and query may hold unescaped (RFC 3986), so {@code next} is safe in a header and in HTML. */
    private static boolean urlCharacter(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$&'()*+,;=:@/?%".indexOf(c) >= 0;
    }

    static String normalize(String username) {
        return username.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean validUsername(String name) {
        if (name.isEmpty() || name.length() > MAX_USERNAME_LENGTH || !Character.isLetterOrDigit(name.charAt(0))) {
            return false;
        }
        return name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-' || c == '@');
    }

    private static Optional<String> originOf(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return Optional.empty();
            }
            return Optional.of(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String authorityOf(String origin) {
        int scheme = origin.indexOf("://");
        return scheme < 0 ? "" : origin.substring(scheme + 3);
    }
}
