package org.parley.logins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.http.ParleyException;
import org.parley.identity.Identity;
import org.parley.identity.SignedIn;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.testing.MutableClock;

/**
 * Passkey ceremonies as the store keeps them on either database: challenges answered once and only in time, a new
 * account's passkey signing in to it again, a second passkey joining the same account, and a counter that goes back
 * refused. The authenticator is {@link SoftwareAuthenticator}; the checks are webauthn4j's, unchanged.
 */
abstract class PasskeysContract {

    static final SiteId COURIER = new SiteId("courier");
    static final String PAGE = "https://courier.example";
    static final ObjectMapper JSON = new ObjectMapper();

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

    abstract Database db();

    /** A node of Parley on {@code db}: its own Sites, Identity and Passkeys, as a second process would have. */
    record Node(Identity identity, Passkeys passkeys) {
    }

    Node node(Database db) {
        Sites sites = Sites.create(db, clock);
        if (sites.find(COURIER).isEmpty()) {
            sites.save(NewSite.withDefaults(COURIER, "Courier", List.of(PAGE)));
        }
        Identity identity = Identity.create(db, clock, sites);
        return new Node(identity, new Passkeys(db, clock, sites, identity, site -> true));
    }

    static JsonNode tree(Map<String, Object> options) {
        return JSON.valueToTree(options);
    }

    static SignedIn createAccount(Passkeys passkeys, SoftwareAuthenticator authenticator, String name) {
        JsonNode options = tree(passkeys.createAccountOptions(COURIER, Optional.of(PAGE), name));
        var registered = passkeys.register(COURIER, Optional.of(PAGE), Optional.empty(),
                PasskeyAnswers.registration(authenticator.create(options, PAGE)));
        return ((Passkeys.Registered.AccountCreated) registered).signedIn();
    }

    static PasskeyAnswers.Assertion assertion(Passkeys passkeys, SoftwareAuthenticator authenticator) {
        return PasskeyAnswers.assertion(authenticator.get(tree(passkeys.signInOptions(COURIER, Optional.of(PAGE))), PAGE));
    }

    static void assertProblem(Runnable call, LoginProblem problem) {
        assertThatThrownBy(call::run).isInstanceOf(ParleyException.class)
                .satisfies(e -> assertThat(((ParleyException) e).type()).isEqualTo(problem));
    }

    @Test
    void aPasskeyMadeWithANewAccountSignsInToItAgainAndEachAnswerCountsOnce() {
        Passkeys passkeys = node(db()).passkeys();
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        SignedIn created = createAccount(passkeys, phone, "Ada Reader");
        assertThat(created.account().displayName()).isEqualTo("Ada Reader");
        assertThat(created.account().vouched()).as("a passkey proves a device, not a person").isFalse();

        PasskeyAnswers.Assertion answer = assertion(passkeys, phone);
        SignedIn again = passkeys.signIn(COURIER, Optional.of(PAGE), answer);
        assertThat(again.account().id()).isEqualTo(created.account().id());
        assertThat(again.token()).isNotEqualTo(created.token());
        assertProblem(() -> passkeys.signIn(COURIER, Optional.of(PAGE), answer), LoginProblem.PASSKEY_CHALLENGE_USED);
    }

    @Test
    void aChallengeAnsweredTooLateIsRefusedAsExpiredAndLaterForgotten() {
        Passkeys passkeys = node(db()).passkeys();
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        createAccount(passkeys, phone, "Ada Reader");
        PasskeyAnswers.Assertion late = assertion(passkeys, phone);
        clock.advance(Passkeys.CHALLENGE_LIFETIME.plusSeconds(1));
        assertProblem(() -> passkeys.signIn(COURIER, Optional.of(PAGE), late), LoginProblem.PASSKEY_CHALLENGE_EXPIRED);

        clock.advance(Passkeys.CHALLENGE_LIFETIME);
        assertThat(passkeys.forgetExpiredChallenges()).as("the account's challenge and the late one").isEqualTo(2);
        assertProblem(() -> passkeys.signIn(COURIER, Optional.of(PAGE), late), LoginProblem.PASSKEY_CHALLENGE_UNKNOWN);
    }

    @Test
    void aSignedInReaderAddsASecondPasskeyThatSignsInToTheSameAccount() {
        Passkeys passkeys = node(db()).passkeys();
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        SoftwareAuthenticator laptop = new SoftwareAuthenticator();
        SignedIn created = createAccount(passkeys, phone, "Ada Reader");

        JsonNode options = tree(passkeys.addPasskeyOptions(COURIER, Optional.of(PAGE), created.account().id()));
        assertThat(options.at("/publicKey/excludeCredentials/0/id").asText()).isEqualTo(phone.credentialId());
        assertThat(options.at("/publicKey/user/name").asText()).isEqualTo("Ada Reader");
        var added = passkeys.register(COURIER, Optional.of(PAGE), Optional.of(created.account().id()),
                PasskeyAnswers.registration(laptop.create(options, PAGE)));
        assertThat(added).isInstanceOf(Passkeys.Registered.PasskeyAdded.class);

        assertThat(passkeys.signIn(COURIER, Optional.of(PAGE), assertion(passkeys, laptop)).account().id()).isEqualTo(created.account().id());
        assertThat(passkeys.signIn(COURIER, Optional.of(PAGE), assertion(passkeys, phone)).account().id()).isEqualTo(created.account().id());
    }

    @Test
    void aPasskeyWhoseCounterGoesBackIsRefusedAsCloned() {
        Passkeys passkeys = node(db()).passkeys();
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        createAccount(passkeys, phone, "Ada Reader");
        passkeys.signIn(COURIER, Optional.of(PAGE), assertion(passkeys, phone));
        passkeys.signIn(COURIER, Optional.of(PAGE), assertion(passkeys, phone));

        phone.counter = 0; // a copy of the key that missed the last two sign-ins
        assertProblem(() -> passkeys.signIn(COURIER, Optional.of(PAGE), assertion(passkeys, phone)), LoginProblem.PASSKEY_CLONED);
    }

    @Test
    void aNameAnAccountHoldsCannotBeTakenByANewPasskeyAccount() {
        Passkeys passkeys = node(db()).passkeys();
        createAccount(passkeys, new SoftwareAuthenticator(), "Ada Reader");
        assertThatThrownBy(() -> passkeys.createAccountOptions(COURIER, Optional.of(PAGE), "ada  READER"))
                .isInstanceOf(ParleyException.Conflict.class);
    }

    @Test
    void optionsFromOneNodeMayBeAnsweredOnAnother() {
        Node first = node(db());
        Node second = node(db());
        SoftwareAuthenticator phone = new SoftwareAuthenticator();
        JsonNode options = tree(first.passkeys().createAccountOptions(COURIER, Optional.of(PAGE), "Ada Reader"));
        var registered = second.passkeys().register(COURIER, Optional.of(PAGE), Optional.empty(),
                PasskeyAnswers.registration(phone.create(options, PAGE)));
        SignedIn created = ((Passkeys.Registered.AccountCreated) registered).signedIn();
        SignedIn again = first.passkeys().signIn(COURIER, Optional.of(PAGE), assertion(second.passkeys(), phone));
        assertThat(again.account().id()).isEqualTo(created.account().id());
        assertThat(second.identity().authenticate(again.token())).hasValue(created.account().id());
    }

}
