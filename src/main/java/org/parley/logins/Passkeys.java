package org.parley.logins;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.parley.http.ParleyException;
import org.parley.identity.Identity;
import org.parley.identity.Login;
import org.parley.identity.ReaderId;
import org.parley.identity.SignedIn;
import org.parley.logins.PasskeyChallenge.Purpose;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;

/**
 * Passkeys for readers: a new account made with a passkey and a chosen name, a passkey added to an account signed in
 * another way, and signing in with one. Each ceremony is two requests: options (a fresh challenge, kept in the
 * database so any node may take the answer) and the answer, accepted once. Every passkey of an account shares one
 * WebAuthn user handle, which is the subject of the account's {@code passkey} login. Thread-safe.
 */
final class Passkeys {

    /** The provider name of accounts' passkey logins. */
    static final String PROVIDER = "passkey";
    /** A challenge must be answered within this: the browser's own timeout and some room for a slow network. */
    static final Duration CHALLENGE_LIFETIME = Duration.ofMinutes(5);
    /** Random bytes in a challenge and in a user handle: far beyond guessing, within WebAuthn's 64-byte user id. */
    private static final int RANDOM_BYTES = 32;

    private final Database db;
    private final Clock clock;
    private final Sites sites;
    private final Identity identity;
    private final Predicate<SiteId> enabled;
    private final PasskeyRepository repository = new PasskeyRepository();
    private final PasskeyCeremonies ceremonies = new PasskeyCeremonies();
    private final SecureRandom random = new SecureRandom();
    /** Each ceremony's options write a challenge row: one network may ask this often, as OpenID sign-ins may start. */
    private final org.parley.http.Allowances ceremoniesByNetwork;

    /** What a registration made: a new account, signed in, or one more passkey for an account. */
    sealed interface Registered {
        record AccountCreated(SignedIn signedIn) implements Registered {
        }

        record PasskeyAdded(StoredPasskey passkey) implements Registered {
        }
    }

    Passkeys(Database db, Clock clock, Sites sites, Identity identity, Predicate<SiteId> enabled) {
        this.ceremoniesByNetwork = org.parley.http.Allowances.create(db, clock, "passkey-ceremonies", 100_000);
        this.db = db;
        this.clock = clock;
        this.sites = sites;
        this.identity = identity;
        this.enabled = enabled;
    }

    /** Options for a reader without an account to make one named {@code name} with a new passkey; 409 if the name is taken. */
    Map<String, Object> createAccountOptions(SiteId siteId, Optional<String> origin, String name) {
        RelyingParty rp = relyingParty(siteId, origin);
        identity.requireNameFree(siteId, name);
        PasskeyChallenge challenge = issue(siteId, rp, Purpose.CREATE_ACCOUNT, Optional.empty(), Optional.of(randomId()), Optional.of(name));
        return PasskeyOptions.creation(challenge, rp, name, List.of());
    }

    /** Options for the signed-in reader {@code account} to add a passkey; its passkeys so far are excluded. */
    Map<String, Object> addPasskeyOptions(SiteId siteId, Optional<String> origin, ReaderId account) {
        RelyingParty rp = relyingParty(siteId, origin);
        String name = identity.account(account).orElseThrow().displayName();
        List<StoredPasskey> existing = db.read(h -> repository.byAccount(h, account));
        String handle = existing.stream().map(StoredPasskey::userHandle).findFirst().orElseGet(this::randomId);
        PasskeyChallenge challenge = issue(siteId, rp, Purpose.ADD_PASSKEY, Optional.of(account), Optional.of(handle), Optional.empty());
        return PasskeyOptions.creation(challenge, rp, name, existing);
    }

    /** Options to sign in with whichever passkey of this page's host the reader picks. */
    Map<String, Object> signInOptions(SiteId siteId, Optional<String> origin) {
        RelyingParty rp = relyingParty(siteId, origin);
        return PasskeyOptions.request(issue(siteId, rp, Purpose.SIGN_IN, Optional.empty(), Optional.empty(), Optional.empty()), rp);
    }

    /**
     * Checks a new passkey against its challenge and keeps it: for a new account, made now and signed in; for
     * {@code caller}'s account, added. 4xx problems for a challenge unknown, used, expired or begun elsewhere, an
     * answer that does not verify, a passkey already registered, and a name taken meanwhile.
     */
    Registered register(SiteId siteId, Optional<String> origin, Optional<ReaderId> caller, PasskeyAnswers.Registration answer) {
        RelyingParty rp = relyingParty(siteId, origin);
        PasskeyChallenge challenge = pending(siteId, rp, answer.challenge(), Purpose.CREATE_ACCOUNT);
        if (challenge.purpose() == Purpose.ADD_PASSKEY && !challenge.account().equals(caller)) {
            throw new ParleyException.InvalidInput(LoginProblem.PASSKEY_CHALLENGE_UNKNOWN,
                    "This challenge was issued to another reader; send the session of the reader who asked for it.");
        }
        PasskeyCeremonies.Made made = ceremonies.register(answer, rp, challenge.challenge());
        Instant now = clock.instant();
        String handle = challenge.userHandle().orElseThrow();
        return db.write(h -> {
            if (!repository.useChallenge(h, challenge.challenge(), now)) {
                throw used();
            }
            if (repository.findCredential(h, made.credentialId()).isPresent()) {
                throw new ParleyException.Conflict(LoginProblem.PASSKEY_ALREADY_REGISTERED,
                        "This passkey is registered already; sign in with it.");
            }
            if (challenge.purpose() == Purpose.CREATE_ACCOUNT) {
                String name = challenge.name().orElseThrow();
                identity.requireNameFree(siteId, name); // another reader may have taken it since the options
                SignedIn signedIn = identity.signIn(siteId, new Login(PROVIDER, handle, Optional.of(name), Optional.empty(), false,
                        Set.of(), false));
                repository.insertCredential(h, kept(siteId, rp, made, signedIn.account().id(), handle, now));
                return new Registered.AccountCreated(signedIn);
            }
            ReaderId account = challenge.account().orElseThrow();
            identity.addLogin(siteId, account, PROVIDER, handle);
            StoredPasskey passkey = kept(siteId, rp, made, account, handle, now);
            repository.insertCredential(h, passkey);
            return new Registered.PasskeyAdded(passkey);
        });
    }

    private StoredPasskey kept(SiteId site, RelyingParty rp, PasskeyCeremonies.Made made, ReaderId account, String handle, Instant now) {
        return new StoredPasskey(made.credentialId(), identity.policy(site).realm(), account, handle, rp.id(), made.publicKey(),
                made.signCount(), made.transports(), "Passkey for " + rp.id(), now, Optional.empty());
    }

    /**
     * Signs in the account a passkey belongs to, once its signature over the challenge checks out and its counter
     * moved on. 4xx problems for a challenge unknown, used, expired or begun elsewhere, a passkey not known on this
     * site, a bad signature and a counter that went backwards (a cloned authenticator).
     */
    SignedIn signIn(SiteId siteId, Optional<String> origin, PasskeyAnswers.Assertion answer) {
        RelyingParty rp = relyingParty(siteId, origin);
        PasskeyChallenge challenge = pending(siteId, rp, answer.challenge(), Purpose.SIGN_IN);
        String realm = identity.policy(siteId).realm();
        StoredPasskey stored = db.read(h -> repository.findCredential(h, answer.credentialId()))
                .filter(passkey -> passkey.realm().equals(realm))
                .filter(passkey -> answer.userHandle().map(passkey.userHandle()::equals).orElse(true))
                .orElseThrow(() -> new ParleyException.Forbidden(LoginProblem.PASSKEY_UNKNOWN, "This passkey is not registered with site '"
                        + siteId + "' (it may have been made for another site, or removed); create an account with a new one."));
        if (identity.accountFor(siteId, PROVIDER, stored.userHandle()).isEmpty()) {
            // The reader closed the account (their data went with it): the passkey must not make a new, nameless one.
            throw new ParleyException.Forbidden(LoginProblem.PASSKEY_UNKNOWN, "The account this passkey signed in to was closed; "
                    + "create a new account to comment signed in again.");
        }
        if (!stored.rpId().equals(rp.id())) {
            throw new ParleyException.Forbidden(LoginProblem.PASSKEY_REFUSED, "This passkey is bound to " + stored.rpId()
                    + " and works only on pages there, not on " + rp.id() + ".");
        }
        long signCount = ceremonies.authenticate(answer, stored, rp, challenge.challenge());
        Instant now = clock.instant();
        return db.write(h -> {
            if (!repository.useChallenge(h, challenge.challenge(), now)) {
                throw used();
            }
            if (!repository.advance(h, stored.credentialId(), signCount, now)) {
                throw new ParleyException.Forbidden(LoginProblem.PASSKEY_CLONED, "This passkey's signature counter (" + signCount
                        + ") did not move past the last one seen: it looks copied to another device, so it is refused.");
            }
            return identity.signIn(siteId, new Login(PROVIDER, stored.userHandle(), Optional.empty(), Optional.empty(), false, Set.of(),
                    false));
        });
    }

    /** Deletes challenges that expired: an answer to one is refused as unknown instead of as expired. */
    int forgetExpiredChallenges() {
        return db.write(h -> repository.forgetChallengesBefore(h, clock.instant().minus(CHALLENGE_LIFETIME)));
    }

    private RelyingParty relyingParty(SiteId siteId, Optional<String> origin) {
        Site site = sites.require(siteId.value());
        if (!enabled.test(siteId)) {
            throw new ParleyException.Forbidden(LoginProblem.SIGN_IN_METHOD_OFF, "Site '" + siteId + "' does not take passkeys.");
        }
        return RelyingParty.of(site, origin);
    }

    private PasskeyChallenge issue(SiteId site, RelyingParty rp, Purpose purpose, Optional<ReaderId> account, Optional<String> handle,
                                   Optional<String> name) {
        PasskeyChallenge challenge = new PasskeyChallenge(randomId(), site, purpose, rp.origin(), account, handle, name,
                clock.instant().plus(CHALLENGE_LIFETIME), Optional.empty());
        db.write(h -> {
            repository.insertChallenge(h, challenge);
            return null;
        });
        return challenge;
    }

    /**
     * The challenge an answer carries back, if it may still be answered with {@code purpose} (a registration
     * answers a {@link Purpose#CREATE_ACCOUNT} or {@link Purpose#ADD_PASSKEY} challenge alike).
     */
    private PasskeyChallenge pending(SiteId site, RelyingParty rp, String value, Purpose purpose) {
        PasskeyChallenge challenge = db.read(h -> repository.findChallenge(h, value))
                .filter(found -> found.site().equals(site))
                .orElseThrow(() -> new ParleyException.InvalidInput(LoginProblem.PASSKEY_CHALLENGE_UNKNOWN, "The answer's challenge was not "
                        + "issued for site '" + site + "' (or expired long ago); ask for new options and try again."));
        if (challenge.purpose().registers() != purpose.registers()) {
            throw new ParleyException.InvalidInput(LoginProblem.PASSKEY_CHALLENGE_UNKNOWN, "The answer's challenge was issued for "
                    + challenge.purpose().words + ", not for " + purpose.words + ".");
        }
        if (challenge.usedAt().isPresent()) {
            throw used();
        }
        if (!challenge.expiresAt().isAfter(clock.instant())) {
            throw new ParleyException.InvalidInput(LoginProblem.PASSKEY_CHALLENGE_EXPIRED, "The challenge expired at "
                    + challenge.expiresAt() + " (challenges last " + CHALLENGE_LIFETIME.toMinutes() + " minutes); ask for new options.");
        }
        if (!challenge.origin().equals(rp.origin())) {
            throw new ParleyException.Forbidden(LoginProblem.PASSKEY_WRONG_ORIGIN, "The challenge was issued to a page on "
                    + challenge.origin() + ", not " + rp.origin() + ".");
        }
        return challenge;
    }

    private static ParleyException used() {
        return new ParleyException.InvalidInput(LoginProblem.PASSKEY_CHALLENGE_USED,
                "This challenge was answered already; each answer counts once. Ask for new options.");
    }

    private String randomId() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PasskeyCeremonies.base64url(bytes);
    }

    /** Takes one ceremony from {@code clientAddress}'s network; a 429 problem past {@link OidcFlow#STARTS}. */
    void takeCeremony(String clientAddress) {
        ceremoniesByNetwork.takeForNetwork("passkey", clientAddress, OidcFlow.STARTS.toArray(org.parley.http.Allowances.Limit[]::new))
                .ifPresent(seconds -> {
                    throw new ParleyException.RateLimited(LoginProblem.TOO_MANY_PASSKEY_REQUESTS,
                            "Too many passkey requests from this network; try again in " + seconds + " seconds.", seconds);
                });
    }
}
