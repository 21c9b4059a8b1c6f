package org.parley.identity;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.parley.http.ClientAddress;
import org.parley.http.ParleyException;
import org.parley.http.RequestProblem;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.store.Ids;
import org.parley.store.SharedCache;

/**
 * The identity feature's door: who is making a request — a guest, identified by a bearer token the widget
 * keeps, or a signed-in reader's account, whose session token works the same way. It also says how much a
 * reader's acts weigh: guests are cheap to make, so brand-new ones on one household network count as one
 * ({@link #voice}), and guests one network makes in a crowd share that network's allowances
 * ({@link #allowanceHolder}). Thread-safe.
 */
public final class Identity {

    /** Tokens, guests and block lists kept in memory, each; the least used are dropped first. */
    private static final int MAX_CACHED = 100_000;
    /**
     * Guests one network may make in an hour before the next ones share its allowances: more than a
     * household's browsers and private windows, fewer than anyone rotating tokens needs.
     */
    static final int CROWD_PER_HOUR = 5;
    private static final String NETWORK_SECRET = "network";

    private final Database db;
    private final Clock clock;
    private final Sites sites;
    private final IdentityConfig config;
    private final GuestLimits limits;
    private final NetworkPseudonyms networks;
    private final GuestRepository repository = new GuestRepository();
    private final BlockLists blockLists;
    private final Accounts accounts;
    /** The names of a site's staff, which no guest may post under either. */
    private final Function<Optional<SiteId>, List<String>> staffNames;
    private final ReaderTraces traces;
    /** By token digest: tokens never change owner (an unknown one is remembered as unknown). */
    private final SharedCache<Optional<ReaderId>> tokens;
    /** Stored guests never change. */
    private final SharedCache<Optional<GuestRow>> guests;

    private Identity(Database db, Clock clock, Sites sites, IdentityConfig config, Function<Optional<SiteId>, List<String>> staffNames) {
        this.staffNames = staffNames;
        this.db = db;
        this.clock = clock;
        this.sites = sites;
        this.config = config;
        this.limits = new GuestLimits(db, clock, config);
        this.networks = new NetworkPseudonyms(networkSecret(db, clock));
        // Accounts live in realms that may span sites: no account takes any staff member's name.
        this.traces = new ReaderTraces(db, clock, config.traceFor(), networks);
        this.accounts = new Accounts(db, clock, (realm, name) -> isStaffName(Optional.empty(), name));
        this.tokens = db.caches().cache("guest-tokens", MAX_CACHED, repository::byTokenHash);
        this.guests = db.caches().cache("guests", MAX_CACHED, (h, id) -> repository.find(h, new ReaderId(id)));
        this.blockLists = new BlockLists(db, MAX_CACHED);
    }

    /** Identity with {@code config}'s guest limits; reads (or, the first time, makes) the installation's network secret. */
    public static Identity create(Database db, Clock clock, Sites sites, IdentityConfig config) {
        return new Identity(db, clock, sites, config, anywhere -> List.of());
    }

    /**
     * As {@link #create(Database, Clock, Sites, IdentityConfig)}, and no reader may show a name {@code staffNames} gives: the
     * staff of a site (for guests there), or of all sites (empty, for accounts).
     */
    public static Identity create(Database db, Clock clock, Sites sites, IdentityConfig config,
                                  Function<Optional<SiteId>, List<String>> staffNames) {
        return new Identity(db, clock, sites, config, staffNames);
    }

    /** Identity with the default guest limits. */
    public static Identity create(Database db, Clock clock, Sites sites) {
        return create(db, clock, sites, IdentityConfig.defaults());
    }

    private static String networkSecret(Database db, Clock clock) {
        SecretRepository secrets = new SecretRepository();
        return db.write(h -> {
            secrets.insertIfAbsent(h, NETWORK_SECRET, db.ids().secret(), clock.instant());
            return secrets.find(h, NETWORK_SECRET).orElseThrow();
        });
    }

    /**
     * Creates a guest for a reader at {@code clientAddress} and returns its id with the token that authenticates
     * it (shown only now). Throws a 429 problem when that address's network made more guests than
     * {@link IdentityConfig} allows; a guest made after its network already made {@value #CROWD_PER_HOUR} in the
     * last hour shares that network's allowances while it is younger than {@link IdentityConfig#newGuestFor()}.
     */
    public NewGuest createGuest(String clientAddress) {
        limits.take(clientAddress);
        String network = networks.of(ClientAddress.network(clientAddress));
        Instant now = clock.instant();
        return create(now, Optional.of(network),
                h -> repository.createdFrom(h, network, now.minus(Duration.ofHours(1))) >= CROWD_PER_HOUR);
    }

    /**
     * Creates a guest for Parley's own use (the demo's commenters, imports): no address, no limit. Made inside the
     * caller's write, the guest is known to {@link #since} there at once (an import asks about it before committing).
     */
    public NewGuest createGuest() {
        NewGuest made = create(clock.instant(), Optional.empty(), h -> false);
        guests.changed(made.id().value());
        return made;
    }

    private NewGuest create(Instant now, Optional<String> network, Predicate<Handle> crowded) {
        ReaderId id = new ReaderId(db.ids().next("g", now.toEpochMilli()));
        String token = db.ids().secret();
        db.write(h -> {
            repository.insert(h, id, Ids.digest(token), network, crowded.test(h), now);
            return null;
        });
        return new NewGuest(id, token);
    }

    /**
     * Whose allowances (comments, uploads) a guest's acts are taken from: the guest's own, or — while a guest
     * made in a crowd (see {@link #createGuest(String)}) is young — the allowance its network's crowd shares,
     * so a fresh token buys no fresh allowance. An opaque key for rate limits, never shown.
     */
    public String allowanceHolder(ReaderId guest) {
        return row(guest)
                .filter(row -> row.crowded() && row.network().isPresent() && young(row.createdAt()))
                .map(row -> "network:" + row.network().orElseThrow())
                .orElse("guest:" + guest.value());
    }

    /**
     * How a reader's vote, report or block from {@code clientAddress} counts: with the pseudonyms of that
     * address's household network and delegation (see {@link Voice}), and as a newcomer's while the guest is
     * younger than {@link IdentityConfig#newGuestFor()}. Age alone decides: a published comment does not make
     * a guest established, as a comment on a page of one's own invention costs nothing.
     */
    public Voice voice(ReaderId reader, String clientAddress) {
        boolean newcomer = account(reader)
                .map(account -> !account.vouched() && young(account.createdAt()))
                .orElseGet(() -> row(reader).map(row -> young(row.createdAt())).orElse(true));
        return new Voice(networks.of(ClientAddress.household(clientAddress)), networks.of(ClientAddress.delegation(clientAddress)),
                newcomer);
    }

    private boolean young(Instant createdAt) {
        return createdAt.isAfter(clock.instant().minus(config.newGuestFor()));
    }

    private Optional<GuestRow> row(ReaderId guest) {
        return guests.get(guest.value());
    }

    /** The guest a guest token belongs to, if any (a session token names no guest). */
    public Optional<ReaderId> guestBehind(String guestToken) {
        return authenticate(guestToken).filter(ReaderId::isGuest);
    }

    /** The reader a token belongs to, if any: a guest's token, or a signed-in reader's session while it lasts. */
    public Optional<ReaderId> authenticate(String token) {
        return token.startsWith(Accounts.SESSION_PREFIX) ? accounts.authenticate(token) : tokens.get(Ids.digest(token));
    }

    /** The reader behind a request's bearer token (a guest's, or a session's); 401 problems when it is missing or unknown. */
    public ReaderId requireReader(Optional<String> bearer) {
        String token = bearer.orElseThrow(() -> new ParleyException.Forbidden(RequestProblem.AUTHENTICATION_REQUIRED,
                "Send the guest token from POST /api/v1/sites/{site}/guests, or a session token from signing in, as "
                        + "'Authorization: Bearer <token>'."));
        return authenticate(token).orElseThrow(() -> token.startsWith(Accounts.SESSION_PREFIX)
                ? new ParleyException.Forbidden(IdentityProblem.SESSION_ENDED,
                        "This session has ended (signed out, or older than " + Accounts.SESSION_LIFETIME.toDays() + " days); sign in again.")
                : new ParleyException.Forbidden(IdentityProblem.UNKNOWN_GUEST_TOKEN,
                        "This guest token is not known here; create a new guest with POST /api/v1/sites/{site}/guests."));
    }

    /**
     * The reader behind a request that writes on {@code site} (comments, edits, votes, images): as
     * {@link #requireReader}, and a 403 problem for a guest where the site lets only signed-in readers write.
     */
    public ReaderId requireWriter(SiteId site, Optional<String> bearer) {
        ReaderId reader = requireReader(bearer);
        if (!policy(site).guestsMayWrite() && account(reader).isEmpty()) {
            throw new ParleyException.Forbidden(IdentityProblem.SIGN_IN_REQUIRED,
                    "Site '" + site + "' takes comments and votes from signed-in readers only; sign in first.");
        }
        return reader;
    }

    /**
     * The name {@code writer}'s comment shows on {@code site}: a signed-in reader's account name whatever they
     * typed, or a guest's own {@code given} name; a 409 problem when that looks like a name an account of the
     * site holds (compared folded for case, accents and look-alike letters), so no guest can pass for one.
     */
    public Optional<String> nameToShow(SiteId site, ReaderId writer, Optional<String> given) {
        Optional<Account> account = account(writer);
        if (account.isPresent()) {
            return Optional.of(account.get().displayName());
        }
        if (given.isPresent() && (accounts.nameTaken(site, given.get()) || isStaffName(Optional.of(site), given.get()))) {
            throw Accounts.nameTakenProblem(given.get());
        }
        return given;
    }

    /**
     * Refuses, with the 409 problem {@link #nameToShow} gives a guest, a {@code name} that looks like one an account
     * of {@code site} already shows: for a reader choosing the name of a new account, before any ceremony starts.
     */
    public void requireNameFree(SiteId site, String name) {
        if (nameHeld(site, name)) {
            throw Accounts.nameTakenProblem(name);
        }
    }

    /**
     * Lets the signed-in reader {@code account} sign in on {@code site} also with {@code provider}'s {@code subject}
     * (a passkey added to an account made another way). Idempotent; a 409 problem when that login already reaches
     * another account, a 403 problem when the account lives in another realm than the site's.
     */
    public void addLogin(SiteId site, ReaderId account, String provider, String subject) {
        accounts.addLogin(site, account, provider, subject);
    }

    private boolean isStaffName(Optional<SiteId> site, String name) {
        String key = NameKey.of(name);
        return !key.isEmpty() && staffNames.apply(site).stream().anyMatch(staff -> NameKey.of(staff).equals(key));
    }

    /**
     * Signs in on {@code site} the reader a way of signing in vouched for, making their account the first time,
     * and opens a session ({@link SignedIn#token()} authenticates it like a guest token).
     */
    public SignedIn signIn(SiteId site, Login login) {
        return accounts.signIn(site, login);
    }

    /** Ends the session of {@code token} (signing out on one device); true if it was open. */
    public boolean signOut(String token) {
        return token.startsWith(Accounts.SESSION_PREFIX) && accounts.signOut(token);
    }

    /** Ends every session of {@code reader}, on every device; returns how many ended. */
    public int signOutEverywhere(ReaderId reader) {
        return accounts.signOutEverywhere(reader);
    }

    /**
     * Everything identity holds about {@code reader}, for their own copy: the account (with its email, how it signs in
     * and its open sessions) or the guest, and the readers they blocked. Network pseudonyms are keyed hashes that
     * identify no one and are left out.
     */
    public Map<String, Object> readerData(ReaderId reader) {
        Map<String, Object> out = new LinkedHashMap<>();
        Optional<Account> account = account(reader);
        if (account.isPresent()) {
            out.put("account", accounts.export(account.get()));
        } else {
            Map<String, Object> guest = new LinkedHashMap<>();
            guest.put("kind", "guest");
            guest.put("id", reader.value());
            row(reader).ifPresent(row -> guest.put("createdAt", row.createdAt().toString()));
            out.put("guest", guest);
        }
        out.put("blocks", blockList(reader).stream().map(block -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", block.blocked().value());
            entry.put("name", block.name().orElse(null));
            entry.put("since", block.since().toString());
            return entry;
        }).toList());
        return out;
    }

    /**
     * Forgets {@code reader}: their account with its logins and sessions (or their guest token), and every block they
     * made or that named them.
     */
    public void forget(ReaderId reader) {
        forget(reader, false);
    }

    /**
     * {@link #forget(ReaderId)}, keeping the reader's traces when {@code keepTraces}: a banned reader who leaves must not
     * take with them what shows moderators their return (keyed hashes, gone after {@link IdentityConfig#traceFor()}).
     */
    public void forget(ReaderId reader, boolean keepTraces) {
        Optional<Account> account = account(reader);
        db.write(h -> {
            account.ifPresent(a -> accounts.delete(h, a));
            if (!keepTraces) {
                traces.forget(h, reader);
            }
            repository.delete(h, reader).ifPresent(tokens::changed);
            guests.changed(reader.value());
            blockLists.forget(h, reader);
            return null;
        });
    }

    /** A new departed reader's id, to sign what a reader who left keeps in place: it links to no one. */
    public ReaderId newDepartedId() {
        return new ReaderId(db.ids().next("x", clock.millis()));
    }

    /**
     * Where a post by {@code reader} from {@code clientAddress} comes from: its household network, and the browsers the
     * reader is known in (a guest is its own browser; an account, each guest it signed in from lately).
     */
    public List<Trace> traces(ReaderId reader, String clientAddress, Instant at) {
        return traces.of(reader, clientAddress, at);
    }


    /** Keeps {@code reader}'s traces as seen at {@code at} (inside the caller's write, when there is one). */
    public void keepTraces(ReaderId reader, List<Trace> seen, Instant at) {
        traces.keep(reader, seen, at);
    }

    /** Other readers who left one of {@code seen} within {@link IdentityConfig#traceFor()} of {@code at}, with the trace. */
    public Map<ReaderId, Trace> sharingTraces(ReaderId reader, List<Trace> seen, Instant at) {
        return traces.sharing(reader, seen, at);
    }

    /**
     * Records that the signed-in {@code reader} uses the browser whose guest token is {@code guestToken} (the widget
     * tells after any way of signing in); 403 for a guest, 400 for a token that is no guest's.
     */
    public void signedInFrom(ReaderId reader, String guestToken) {
        if (account(reader).isEmpty()) {
            throw new ParleyException.Forbidden(IdentityProblem.SIGN_IN_REQUIRED, "Only a signed-in reader links a browser to an account.");
        }
        ReaderId guest = guestBehind(guestToken).orElseThrow(() -> new ParleyException.InvalidInput(IdentityProblem.UNKNOWN_BROWSER,
                        "'guestToken' must be the guest token this browser keeps."));
        signedInFrom(reader, guest);
    }

    /** Records that {@code account} signed in on the browser where {@code guest} lives, so that browser is one of its traces. */
    public void signedInFrom(ReaderId account, ReaderId guest) {
        traces.keep(account, List.of(traces.browser(guest)), clock.instant());
    }

    /** When {@code reader} came to be: the guest's or the account's creation. */
    public Optional<Instant> since(ReaderId reader) {
        return account(reader).map(Account::createdAt).or(() -> row(reader).map(GuestRow::createdAt));
    }

    /** Forgets traces older than {@link IdentityConfig#traceFor()}; returns how many. */
    public int forgetOldTraces() {
        return traces.forgetOld();
    }

    /** Deletes sessions that have ended; returns how many. */
    public int pruneSessions() {
        return accounts.pruneSessions();
    }

    /** The account of a signed-in reader; empty for a guest. */
    public Optional<Account> account(ReaderId reader) {
        return reader.isAccount() ? accounts.find(reader) : Optional.empty();
    }

    /**
     * The badges a comment by {@code writer} shows on a page with {@code byline}: a signed-in reader's own
     * ({@code staff}, {@code subscriber}), and {@code author} for a staff member the byline names. None for guests.
     */
    public List<String> badgesOnPage(ReaderId writer, Optional<String> byline) {
        Optional<Account> account = account(writer);
        if (account.isEmpty()) {
            return List.of();
        }
        List<String> badges = new java.util.ArrayList<>(account.get().badges().stream().sorted().map(Badge::wireName).toList());
        String name = NameKey.of(account.get().displayName());
        if (account.get().badges().contains(Badge.STAFF) && !name.isEmpty()
                && byline.map(NameKey::of).filter(line -> line.contains(name)).isPresent()) {
            badges.add("author");
        }
        return List.copyOf(badges);
    }

    /** The account of {@code site}'s realm that {@code provider} knows as {@code subject}, if it signed in before. */
    public Optional<Account> accountFor(SiteId site, String provider, String subject) {
        return accounts.byLogin(site, provider, subject);
    }

    /** The account of {@code site}'s realm whose owner proved they receive mail at {@code email} (case ignored), if any. */
    public Optional<ReaderId> accountWithVerifiedEmail(SiteId site, String email) {
        return accounts.withVerifiedEmail(site, email);
    }

    /** True when an account of {@code site}'s realm shows a name that looks like {@code name}. */
    public boolean nameHeld(SiteId site, String name) {
        return accounts.nameTaken(site, name) || isStaffName(Optional.empty(), name);
    }

    /**
     * Changes a signed-in reader's name: 409 when another account of the realm shows one like it, or when the
     * newsroom's login gives the account its name (it changes there).
     */
    public Account rename(ReaderId reader, String name) {
        Account account = account(reader).orElseThrow(() -> new ParleyException.Forbidden(IdentityProblem.SIGN_IN_REQUIRED,
                "Only a signed-in reader has a name to change; a guest types one with each comment."));
        if (account.vouched()) {
            throw new ParleyException.Conflict(IdentityProblem.NAME_FROM_NEWSROOM,
                    "Your name comes from the newsroom's login; change it there.");
        }
        return accounts.rename(account, name);
    }

    /**
     * Sets the badges moderators give {@code reader}'s account (those its login gives stay); 409 for a guest, who has no
     * account to show them on. Shown on the reader's comments from now on.
     */
    public Account grantBadges(ReaderId reader, Set<Badge> badges) {
        Account account = account(reader).orElseThrow(() -> new ParleyException.Conflict(IdentityProblem.NO_ACCOUNT,
                "Badges go to signed-in readers; this commenter is a guest."));
        return accounts.grant(account, badges);
    }

    /** Who may write on {@code site} and which realm its accounts live in. */
    public ReaderPolicy policy(SiteId site) {
        return accounts.policy(site);
    }

    /** Changes who may write on {@code site}, and the realm of its accounts (new sign-ins use it). */
    public void setPolicy(SiteId site, ReaderPolicy policy) {
        accounts.setPolicy(site, policy);
    }

    /**
     * {@code blocker} never wants to see {@code blocked}'s comments again. Idempotent; the blocked
     * reader is never told. {@code name} is how they appeared, for the block list; {@code site} is
     * where it happened and {@code voice} how the blocker counts (see {@link #voice}), for moderation's
     * block signal.
     */
    public void block(ReaderId blocker, ReaderId blocked, Optional<String> name, SiteId site, Voice voice) {
        blockLists.block(blocker, blocked, name, site, voice, clock.instant());
    }

    /** Takes {@code blocked} off {@code blocker}'s block list; true if they were on it. */
    public boolean unblock(ReaderId blocker, ReaderId blocked) {
        return blockLists.unblock(blocker, blocked);
    }

    /** A reader's block list, most recent first. */
    public List<Block> blockList(ReaderId blocker) {
        return blockLists.of(blocker);
    }

    /** Whom a reader has blocked; kept in memory, as every thread read of a reader with blocks asks. */
    public Set<ReaderId> blocked(ReaderId blocker) {
        return blockLists.blocked(blocker);
    }

    /**
     * How many readers blocked {@code blocked} on {@code site} since {@code since}, brand-new readers counted
     * as {@link Voice} says (once per household, at most {@value Voice#MOST_PER_DELEGATION} per delegation). Never who.
     */
    public int blockersSince(ReaderId blocked, SiteId site, Instant since) {
        return blockLists.blockersSince(blocked, site, since);
    }

    /** Every block made on {@code site}, oldest first, for a full export of the site; read in one snapshot. */
    public void blocksOn(SiteId site, java.util.function.Consumer<SiteBlock> out) {
        blockLists.ofSite(site, out);
    }

    /**
     * Restores a block an export of {@code site} holds, with its time, as an established reader's (joins the caller's
     * transaction). Idempotent: a block that exists stays as it is; a reader blocking themselves is left out.
     */
    public void restoreBlock(SiteId site, SiteBlock block) {
        blockLists.restore(site, block);
    }

    /** Routes for guests, to mount under {@code /api/v1}. */
    public HttpService routes() {
        return new IdentityRoutes(this, sites);
    }
}
