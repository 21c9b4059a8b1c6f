package org.parley.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.http.ParleyException;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.testing.MutableClock;

/**
 * Readers who sign in, as the store keeps them on either database: accounts reached again by the same login,
 * joined by a verified email, sessions that end on sign-out, everywhere or with time, names no guest can take, and
 * sites that let only signed-in readers write.
 */
abstract class AccountsContract {

    static final SiteId COURIER = new SiteId("courier");
    static final SiteId GAZETTE = new SiteId("gazette");

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T10:00:00Z"));

    abstract Database db();

    Identity identity() {
        Sites sites = Sites.create(db(), clock);
        sites.save(NewSite.withDefaults(COURIER, "Courier", java.util.List.of()));
        sites.save(NewSite.withDefaults(GAZETTE, "Gazette", java.util.List.of()));
        return Identity.create(db(), clock, sites);
    }

    static Login sso(String subject, String name) {
        return new Login("sso", subject, Optional.of(name), Optional.of(subject + "@readers.example"), true,
                Set.of(Badge.SUBSCRIBER), true);
    }

    @Test
    void theSameLoginReachesTheSameAccountAndItsSessionAuthenticatesLikeAGuestToken() {
        Identity identity = identity();
        SignedIn first = identity.signIn(COURIER, sso("u-1", "Rob G"));
        SignedIn again = identity.signIn(COURIER, sso("u-1", "Rob G."));

        assertThat(again.account().id()).isEqualTo(first.account().id());
        assertThat(first.account().id().value()).startsWith("a_");
        assertThat(again.account().displayName()).as("the newsroom's newer name wins").isEqualTo("Rob G.");
        assertThat(identity.account(first.account().id()).orElseThrow().badges()).containsExactly(Badge.SUBSCRIBER);
        assertThat(identity.authenticate(first.token())).hasValue(first.account().id());
        assertThat(identity.authenticate(again.token())).as("each sign-in is its own session").hasValue(first.account().id());
        assertThat(identity.signIn(COURIER, sso("u-2", "Someone else")).account().id()).isNotEqualTo(first.account().id());
    }

    @Test
    void anEmailLinkJoinsTheAccountWithThatVerifiedEmailButAnOpenIdProviderOrAnUnverifiedEmailDoesNot() {
        Identity identity = identity();
        Account account = identity.signIn(COURIER, sso("u-1", "Rob G")).account();

        Login emailLink = new Login("email", "u-1@readers.example", Optional.of("Someone"), Optional.of("U-1@Readers.Example"), true,
                Set.of(), false);
        Account joined = identity.signIn(COURIER, emailLink).account();
        assertThat(joined.id()).isEqualTo(account.id());
        assertThat(joined.displayName()).as("the newsroom names its readers; a link does not rename them").isEqualTo("Rob G");
        assertThat(joined.badges()).as("only the newsroom's own login grants badges").containsExactly(Badge.SUBSCRIBER);

        Login openId = new Login("oidc:https://id.example", "x-9", Optional.of("Rob G"), Optional.of("u-1@readers.example"), true,
                Set.of(), false);
        Account separate = identity.signIn(COURIER, openId).account();
        assertThat(separate.id()).as("a provider's word that an address is verified joins nothing").isNotEqualTo(account.id());
        assertThat(separate.displayName()).as("nor takes a name another account shows").isEqualTo(Accounts.UNNAMED);

        Login unverified = new Login("sso", "u-2", Optional.of("Ro"), Optional.of("u-1@readers.example"), false, Set.of(), true);
        assertThat(identity.signIn(COURIER, unverified).account().id()).as("even the newsroom's, unverified").isNotEqualTo(account.id());
    }

    @Test
    void noAccountTakesAStaffMembersNameButTheNewsroomsLoginMayNameItsReaders() {
        Sites sites = Sites.create(db(), clock);
        sites.save(NewSite.withDefaults(COURIER, "Courier", java.util.List.of()));
        Identity identity = Identity.create(db(), clock, sites, IdentityConfig.defaults(), anywhere -> java.util.List.of("editor"));
        Account byLink = identity.signIn(COURIER, new Login("email", "x@mail.example", Optional.empty(), Optional.of("x@mail.example"), true,
                Set.of(), false)).account();
        assertThatThrownBy(() -> identity.rename(byLink.id(), "EDITOR"))
                .isInstanceOfSatisfying(ParleyException.class, e -> assertThat(e.type()).isEqualTo(IdentityProblem.NAME_TAKEN));
        assertThat(identity.nameHeld(COURIER, "Éditor")).isTrue();
        assertThat(identity.signIn(COURIER, new Login("oidc:https://id.example", "y", Optional.of("Editor"), Optional.empty(), false,
                Set.of(), false)).account().displayName()).isEqualTo(Accounts.UNNAMED);
        assertThat(identity.signIn(COURIER, sso("u-9", "Editor")).account().displayName()).isEqualTo("Editor");
    }

    @Test
    void signingOutEndsOneSessionAndSigningOutEverywhereEndsThemAll() {
        Identity identity = identity();
        SignedIn phone = identity.signIn(COURIER, sso("u-1", "Rob G"));
        SignedIn laptop = identity.signIn(COURIER, sso("u-1", "Rob G"));
        SignedIn tablet = identity.signIn(COURIER, sso("u-1", "Rob G"));

        assertThat(identity.signOut(phone.token())).isTrue();
        assertThat(identity.authenticate(phone.token())).isEmpty();
        assertThat(identity.authenticate(laptop.token())).isPresent();
        assertThat(identity.signOut(phone.token())).as("already ended").isFalse();

        assertThat(identity.signOutEverywhere(laptop.account().id())).isEqualTo(2);
        assertThat(identity.authenticate(laptop.token())).isEmpty();
        assertThat(identity.authenticate(tablet.token())).isEmpty();
        assertThatThrownBy(() -> identity.requireReader(Optional.of(tablet.token())))
                .isInstanceOfSatisfying(ParleyException.class, e -> assertThat(e.type()).isEqualTo(IdentityProblem.SESSION_ENDED));
    }

    @Test
    void aSessionEndsAfterItsLifetimeAndIsThenPruned() {
        Identity identity = identity();
        SignedIn session = identity.signIn(COURIER, sso("u-1", "Rob G"));
        assertThat(session.expiresAt()).isEqualTo(clock.instant().plus(Accounts.SESSION_LIFETIME));
        clock.advance(Accounts.SESSION_LIFETIME.minus(Duration.ofMinutes(1)));
        assertThat(identity.authenticate(session.token())).isPresent();
        clock.advance(Duration.ofMinutes(2));
        assertThat(identity.authenticate(session.token())).isEmpty();
        assertThat(identity.pruneSessions()).isEqualTo(1);
    }

    @Test
    void aGuestCannotPostUnderAnAccountsNameHoweverItIsSpelledButTheAccountItselfCan() {
        Identity identity = identity();
        Account rob = identity.signIn(COURIER, sso("u-1", "Rob G")).account();
        ReaderId guest = identity.createGuest().id();

        for (String lookalike : new String[] {"Rob G", "rob g", "ROB_G", "Röb G", "R\u043Eb G", "Rob  G", "Ｒｏｂ Ｇ"}) {
            assertThatThrownBy(() -> identity.nameToShow(COURIER, guest, Optional.of(lookalike)))
                    .as(lookalike)
                    .isInstanceOfSatisfying(ParleyException.class, e -> assertThat(e.type()).isEqualTo(IdentityProblem.NAME_TAKEN));
        }
        assertThat(identity.nameToShow(COURIER, guest, Optional.of("Robin G"))).hasValue("Robin G");
        assertThat(identity.nameToShow(GAZETTE, guest, Optional.of("Rob G"))).as("another realm's name is free").hasValue("Rob G");
        assertThat(identity.nameToShow(COURIER, rob.id(), Optional.of("The Editor")))
                .as("a signed-in reader always shows the account's name").hasValue("Rob G");
    }

    @Test
    void sitesSharingARealmShareAccountsAndTheirNames() {
        Identity identity = identity();
        identity.setPolicy(COURIER, new ReaderPolicy("newsroom", true));
        identity.setPolicy(GAZETTE, new ReaderPolicy("newsroom", true));
        Account onCourier = identity.signIn(COURIER, sso("u-1", "Rob G")).account();
        assertThat(identity.signIn(GAZETTE, sso("u-1", "Rob G")).account().id()).isEqualTo(onCourier.id());
        assertThatThrownBy(() -> identity.nameToShow(GAZETTE, identity.createGuest().id(), Optional.of("Rob G")))
                .isInstanceOf(ParleyException.class);
    }

    @Test
    void aSiteForSignedInReadersOnlyTurnsGuestsAwayFromWritingButNotAccounts() {
        Identity identity = identity();
        String guestToken = identity.createGuest().token();
        SignedIn member = identity.signIn(COURIER, sso("u-1", "Rob G"));
        assertThat(identity.requireWriter(COURIER, Optional.of(guestToken))).isNotNull();

        identity.setPolicy(COURIER, new ReaderPolicy(COURIER.value(), false));
        assertThatThrownBy(() -> identity.requireWriter(COURIER, Optional.of(guestToken)))
                .isInstanceOfSatisfying(ParleyException.class, e -> assertThat(e.type()).isEqualTo(IdentityProblem.SIGN_IN_REQUIRED));
        assertThat(identity.requireWriter(COURIER, Optional.of(member.token()))).isEqualTo(member.account().id());
        assertThat(identity.requireWriter(GAZETTE, Optional.of(guestToken))).as("other sites keep their own policy").isNotNull();
    }

    @Test
    void accountsTheNewsroomVouchesForAreNeverBrandNewButOthersAreUntilTheyAge() {
        Identity identity = Identity.create(db(), clock, Sites.create(db(), clock),
                new IdentityConfig(100, 100, Duration.ofHours(24)));
        Sites.create(db(), clock).save(NewSite.withDefaults(COURIER, "Courier", java.util.List.of()));
        Account subscriber = identity.signIn(COURIER, sso("u-1", "Rob G")).account();
        Account byEmail = identity.signIn(COURIER, new Login("email", "al@mail.example", Optional.empty(),
                Optional.of("al@mail.example"), true, Set.of(), false)).account();
        assertThat(identity.voice(subscriber.id(), "198.51.100.4").newcomer()).isFalse();
        assertThat(identity.voice(byEmail.id(), "198.51.100.4").newcomer()).isTrue();
        clock.advance(Duration.ofHours(25));
        assertThat(identity.voice(byEmail.id(), "198.51.100.4").newcomer()).isFalse();
    }

    @Test
    void aNameFoldedLikeAnAccountsIsRefusedToANewAccountButAnUnusedOneIsFree() {
        Identity identity = identity();
        identity.signIn(COURIER, sso("u-1", "Rob G"));
        assertThatThrownBy(() -> identity.requireNameFree(COURIER, "röb_g"))
                .isInstanceOfSatisfying(ParleyException.class, e -> assertThat(e.type()).isEqualTo(IdentityProblem.NAME_TAKEN));
        identity.requireNameFree(COURIER, "Robin G");
        identity.requireNameFree(GAZETTE, "Rob G"); // another realm, another set of names
    }

    @Test
    void anAddedLoginSignsInToTheAccountButNotIfItAlreadyReachesAnotherOrTheAccountLivesElsewhere() {
        Identity identity = identity();
        Account rob = identity.signIn(COURIER, sso("u-1", "Rob G")).account();
        Login passkey = new Login("passkey", "handle-1", Optional.empty(), Optional.empty(), false, Set.of(), false);
        identity.addLogin(COURIER, rob.id(), "passkey", "handle-1");
        identity.addLogin(COURIER, rob.id(), "passkey", "handle-1"); // idempotent
        assertThat(identity.signIn(COURIER, passkey).account().id()).isEqualTo(rob.id());
        assertThat(identity.account(rob.id()).orElseThrow().displayName()).as("a login without a name keeps the account's").isEqualTo("Rob G");

        Account other = identity.signIn(COURIER, sso("u-2", "Other")).account();
        assertThatThrownBy(() -> identity.addLogin(COURIER, other.id(), "passkey", "handle-1"))
                .isInstanceOfSatisfying(ParleyException.class, e -> assertThat(e.type()).isEqualTo(IdentityProblem.LOGIN_IN_USE));
        assertThatThrownBy(() -> identity.addLogin(GAZETTE, rob.id(), "passkey", "handle-2"))
                .isInstanceOfSatisfying(ParleyException.class, e -> assertThat(e.type()).isEqualTo(IdentityProblem.ACCOUNT_OF_ANOTHER_SITE));
    }
}
