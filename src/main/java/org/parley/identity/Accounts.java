package org.parley.identity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.parley.http.ParleyException;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.store.Ids;
import org.parley.store.SharedCache;

/**
 * Readers who sign in: their accounts, the sessions they sign in with, and the per-site policy that says
 * where accounts live and whether guests may write. Accounts and sessions are kept in memory, as every
 * request of a signed-in reader asks; a change (new name, sign-out) drops the entry on every node.
 */
final class Accounts {

    /** How long a session lasts: a month, as readers expect to stay signed in to a news site they visit. */
    static final Duration SESSION_LIFETIME = Duration.ofDays(30);
    /** Session tokens say what they are, so a request's token is looked up in one table only. */
    static final String SESSION_PREFIX = "ps_";
    /** The name shown when a provider gives none and the reader has not chosen one. */
    static final String UNNAMED = "Reader";
    private static final int MAX_NAME_LENGTH = 80;
    private static final int MAX_CACHED = 100_000;

    private final Database db;
    private final Clock clock;
    private final AccountRepository repository = new AccountRepository();
    private final SessionRepository sessions = new SessionRepository();
    private final ReaderPolicyRepository policies = new ReaderPolicyRepository();
    private final SharedCache<Optional<Account>> accounts;
    private final SharedCache<Optional<SessionRepository.Row>> sessionsByDigest;
    private final SharedCache<Optional<ReaderPolicy>> policiesBySite;
    /** By realm and name key: whether an account shows that name. */
    private final SharedCache<Boolean> takenNames;

    /** Whether a name (in a realm) is a staff member's: no account may show one either. */
    private final java.util.function.BiPredicate<String, String> staffName;

    Accounts(Database db, Clock clock, java.util.function.BiPredicate<String, String> staffName) {
        this.staffName = staffName;
        this.db = db;
        this.clock = clock;
        this.accounts = db.caches().cache("accounts", MAX_CACHED, (h, id) -> repository.find(h, new ReaderId(id)));
        this.sessionsByDigest = db.caches().cache("reader-sessions", MAX_CACHED, sessions::find);
        this.policiesBySite = db.caches().cache("reader-policies", 10_000, (h, site) -> policies.find(h, new SiteId(site)));
        this.takenNames = db.caches().cache("account-names", MAX_CACHED, (h, key) -> {
            int split = key.indexOf(' ');
            return repository.nameTaken(h, key.substring(0, split), key.substring(split + 1), "");
        });
    }

    /** The oldest account of {@code site}'s realm with this verified email address. */
    Optional<ReaderId> withVerifiedEmail(SiteId site, String email) {
        String realm = policy(site).realm();
        return db.read(h -> repository.byVerifiedEmail(h, realm, email.strip().toLowerCase(Locale.ROOT)));
    }

    ReaderPolicy policy(SiteId site) {
        return policiesBySite.get(site.value()).orElseGet(() -> new ReaderPolicy(site.value(), true));
    }

    void setPolicy(SiteId site, ReaderPolicy policy) {
        db.write(h -> {
            policies.save(h, site, policy, clock.instant());
            policiesBySite.changed(site.value());
            return null;
        });
    }

    /**
     * Signs in the reader {@code login} describes on {@code site}: the account that login reached before, else the
     * account of the realm with the same verified email (the login is added to it), else a new account.
     */
    SignedIn signIn(SiteId site, Login login) {
        String realm = policy(site).realm();
        Instant now = clock.instant();
        Optional<String> email = login.email().map(e -> e.toLowerCase(Locale.ROOT));
        String token = SESSION_PREFIX + db.ids().secret();
        Instant expiresAt = now.plus(SESSION_LIFETIME);
        Account account = db.write(h -> {
            Optional<ReaderId> known = repository.byLogin(h, realm, login.provider(), login.subject());
            // Only a login that itself proves the address (an email link) or that the newsroom vouches for joins an
            // account by email: any OpenID provider a site adds could claim an address as verified.
            if (known.isEmpty() && login.emailVerified() && email.isPresent() && (login.vouched() || login.provider().equals("email"))) {
                known = repository.byVerifiedEmail(h, realm, email.get());
                known.ifPresent(id -> repository.addLogin(h, realm, login.provider(), login.subject(), id, now));
            }
            Account signedIn = known.flatMap(id -> repository.find(h, id))
                    .map(current -> refreshed(h, current, login, email, now))
                    .orElseGet(() -> created(h, realm, login, email, now));
            sessions.insert(h, Ids.digest(token), signedIn.id(), now, expiresAt);
            return signedIn;
        });
        return new SignedIn(account, token, expiresAt);
    }

    void addLogin(SiteId site, ReaderId account, String provider, String subject) {
        String realm = policy(site).realm();
        Account owner = find(account).orElseThrow(() -> new IllegalArgumentException("no account " + account));
        if (!owner.realm().equals(realm)) {
            throw new ParleyException.Forbidden(IdentityProblem.ACCOUNT_OF_ANOTHER_SITE, "Account " + account
                    + " belongs to the readers of '" + owner.realm() + "', not of site '" + site + "'; sign in on this site.");
        }
        db.write(h -> {
            Optional<ReaderId> reached = repository.byLogin(h, realm, provider, subject);
            if (reached.isPresent() && !reached.get().equals(account)) {
                throw new ParleyException.Conflict(IdentityProblem.LOGIN_IN_USE,
                        "This " + provider + " login already signs in to another account of this site.");
            }
            if (reached.isEmpty()) {
                repository.addLogin(h, realm, provider, subject, account, clock.instant());
            }
            return null;
        });
    }

    private Account created(Handle h, String realm, Login login, Optional<String> email, Instant now) {
        ReaderId id = new ReaderId(db.ids().next("a", now.toEpochMilli()));
        String name = displayName(login);
        // A name a provider gives but another account or a staff member shows is not taken: the reader renames later.
        if (!login.vouched() && (repository.nameTaken(h, realm, NameKey.of(name), "") || staffName.test(realm, name))) {
            name = UNNAMED;
        }
        Account account = new Account(id, realm, name, email, login.emailVerified() && email.isPresent(),
                login.badges(), login.vouched(), now);
        repository.insert(h, account, NameKey.of(account.displayName()));
        if (!repository.addLoginIfAbsent(h, realm, login.provider(), login.subject(), id, now)) {
            // The same login's first sign-in, at the same moment on another node, made the account: use that one.
            repository.delete(h, id);
            return repository.byLogin(h, realm, login.provider(), login.subject()).flatMap(other -> repository.find(h, other))
                    .orElseThrow();
        }
        nameChanged(realm, account.displayName());
        return account;
    }

    /** What a provider says now wins over what it said before; only the newsroom's own login grants badges. */
    private Account refreshed(Handle h, Account current, Login login, Optional<String> email, Instant now) {
        // The newsroom's login names its readers; another provider renames only an account no one vouches for, and
        // never to a name another account or a staff member shows.
        String offered = login.name().map(Accounts::tidy).filter(n -> !n.isEmpty()).orElse(current.displayName());
        boolean mayRename = login.vouched() || (!current.vouched()
                && !repository.nameTaken(h, current.realm(), NameKey.of(offered), current.id().value())
                && !staffName.test(current.realm(), offered));
        String name = mayRename ? offered : current.displayName();
        boolean verified = email.isPresent() ? login.emailVerified() || (email.equals(current.email()) && current.emailVerified())
                : current.emailVerified();
        Set<Badge> storedFromLogin = repository.fromLogin(h, current.id());
        Set<Badge> loginBadges = login.vouched() ? login.badges() : storedFromLogin;
        Set<Badge> badges = EnumSet.noneOf(Badge.class);
        badges.addAll(loginBadges);
        badges.addAll(granted(current, storedFromLogin));
        Account updated = new Account(current.id(), current.realm(), name, email.or(current::email), verified,
                badges, current.vouched() || login.vouched(), current.createdAt());
        if (!updated.equals(current)) {
            repository.update(h, updated, NameKey.of(name), loginBadges, now);
            accounts.changed(current.id().value());
            nameChanged(current.realm(), current.displayName());
            nameChanged(current.realm(), name);
        }
        return updated;
    }

    /** The badges of {@code account} a moderator gave: all it shows but those its login gives. */
    private static Set<Badge> granted(Account account, Set<Badge> fromLogin) {
        Set<Badge> granted = EnumSet.noneOf(Badge.class);
        granted.addAll(account.badges());
        granted.removeAll(fromLogin);
        return granted;
    }

    /** Gives {@code account} exactly {@code badges} from moderators; those its login gives stay. */
    Account grant(Account account, Set<Badge> badges) {
        return db.write(h -> {
            repository.grant(h, account.id(), badges, clock.instant());
            accounts.changed(account.id().value());
            return repository.find(h, account.id()).orElseThrow();
        });
    }

    private void nameChanged(String realm, String name) {
        takenNames.changed(realm + " " + NameKey.of(name));
    }

    private static String displayName(Login login) {
        return login.name().map(Accounts::tidy).filter(n -> !n.isEmpty()).orElse(UNNAMED);
    }

    /** Control characters and runs of spaces out, at most {@value #MAX_NAME_LENGTH} code points. */
    private static String tidy(String name) {
        String oneLine = name.replaceAll("[\\p{Cc}\\p{Cf}\\p{Zl}\\p{Zp}]", " ").replaceAll("\\s+", " ").strip();
        return oneLine.codePointCount(0, oneLine.length()) <= MAX_NAME_LENGTH ? oneLine
                : oneLine.substring(0, oneLine.offsetByCodePoints(0, MAX_NAME_LENGTH)).strip();
    }

    Optional<Account> find(ReaderId reader) {
        return accounts.get(reader.value());
    }

    /** The signed-in reader a session token belongs to, while the session lasts. */
    Optional<ReaderId> authenticate(String token) {
        return sessionsByDigest.get(Ids.digest(token))
                .filter(row -> row.expiresAt().isAfter(clock.instant()))
                .map(SessionRepository.Row::reader);
    }

    /** Ends the session of {@code token}; true if there was one. */
    boolean signOut(String token) {
        String digest = Ids.digest(token);
        return db.write(h -> {
            sessionsByDigest.changed(digest);
            return sessions.delete(h, digest);
        });
    }

    /** Ends every session of {@code reader}, on every device; returns how many ended. */
    int signOutEverywhere(ReaderId reader) {
        return db.write(h -> {
            var digests = sessions.deleteAll(h, reader);
            digests.forEach(sessionsByDigest::changed);
            return digests.size();
        });
    }

    /** The account's own data: the account, how it signs in, its open sessions. */
    Map<String, Object> export(Account account) {
        return db.read(h -> {
            Map<String, Object> out = new LinkedHashMap<>(account.ownView());
            out.put("realm", account.realm());
            out.put("createdAt", account.createdAt().toString());
            out.put("logins", repository.logins(h, account.id()));
            out.put("sessions", sessions.of(h, account.id()));
            return out;
        });
    }

    /** Deletes the account, its logins and sessions (inside the caller's transaction). */
    void delete(Handle h, Account account) {
        repository.delete(h, account.id());
        sessions.deleteAll(h, account.id()).forEach(sessionsByDigest::changed);
        accounts.changed(account.id().value());
        nameChanged(account.realm(), account.displayName());
    }

    int pruneSessions() {
        return db.write(h -> sessions.deleteExpired(h, clock.instant()));
    }

    Optional<Account> byLogin(SiteId site, String provider, String subject) {
        String realm = policy(site).realm();
        return db.read(h -> repository.byLogin(h, realm, provider, subject)).flatMap(this::find);
    }

    /** Gives the account the name {@code name}: 409 when another account of its realm shows one like it. */
    Account rename(Account account, String name) {
        String tidied = tidy(name);
        String key = NameKey.of(tidied);
        if (key.isEmpty()) {
            throw new ParleyException.InvalidInput(IdentityProblem.EMPTY_ACCOUNT_NAME, "A name needs at least one letter or digit.");
        }
        return db.write(h -> {
            if (repository.nameTaken(h, account.realm(), key, account.id().value()) || staffName.test(account.realm(), tidied)) {
                throw nameTakenProblem(tidied);
            }
            Account renamed = new Account(account.id(), account.realm(), tidied, account.email(), account.emailVerified(),
                    account.badges(), account.vouched(), account.createdAt());
            repository.update(h, renamed, key, repository.fromLogin(h, account.id()), clock.instant());
            accounts.changed(account.id().value());
            nameChanged(account.realm(), account.displayName());
            nameChanged(account.realm(), tidied);
            return renamed;
        });
    }

    /** True when an account of {@code site}'s realm shows a name that looks like {@code name}. */
    boolean nameTaken(SiteId site, String name) {
        String key = NameKey.of(name);
        return !key.isEmpty() && takenNames.get(policy(site).realm() + " " + key);
    }

    static ParleyException nameTakenProblem(String name) {
        return new ParleyException.Conflict(IdentityProblem.NAME_TAKEN, "The name '" + name
                + "' belongs to a signed-in reader or a staff member of this site (or looks like it); choose another name, or sign in.");
    }
}
