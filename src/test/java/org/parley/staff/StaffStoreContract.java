package org.parley.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.http.FieldError;
import org.parley.http.ParleyException;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.MutableClock;

/**
 * What the staff feature promises about stored accounts and sessions, run once per database.
 * Subclasses only say which database.
 */
abstract class StaffStoreContract {

    static final String PASSWORD = "correct horse battery staple";
    static final String ADDRESS = "192.0.2.10";
    static final StaffConfig CONFIG = StaffConfig.forPublicUrl("https://comments.news.example");

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    Staff staff;

    abstract StoreConfig store(Path dir);

    void dropStore(StoreConfig config) {
    }

    @BeforeEach
    void open() {
        config = store(dir);
        db = Database.open(config);
        staff = Staff.create(db, clock, CONFIG, PasswordsTest.CHEAP);
    }

    @AfterEach
    void close() {
        db.close();
        dropStore(config);
    }

    StaffUser moderator(String username, String... scopes) {
        return staff.createUser(new NewStaffUser(username, Role.MODERATOR, List.of(scopes).stream().map(Scope::parse).toList()), PASSWORD);
    }

    LoginOutcome.SignedIn signIn(Staff through, String username) {
        return (LoginOutcome.SignedIn) through.login(username, PASSWORD, ADDRESS);
    }

    @Test
    void accountsAreStoredWithTheirRoleAndScopes() {
        StaffUser ed = staff.createUser(new NewStaffUser("Ed", Role.ADMIN, List.of()), PASSWORD);
        StaffUser ann = moderator("ann", "courier", "herald:sport", "herald:culture", "herald:sport");

        assertThat(ed.username()).as("usernames are stored lowercase").isEqualTo("ed");
        assertThat(ed.isAdmin()).isTrue();
        assertThat(ann.scopes()).as("duplicates dropped, ordered by site and section").containsExactly(
                Scope.parse("courier"), Scope.parse("herald:culture"), Scope.parse("herald:sport"));
        assertThat(staff.user(ann.id())).contains(ann);
        assertThat(staff.accounts()).extracting(StaffAccount::user).containsExactly(ann, ed);
        assertThat(staff.accounts()).allSatisfy(account -> {
            assertThat(account.disabled()).isFalse();
            assertThat(account.createdAt()).isEqualTo(clock.instant());
        });

        StaffUser loaded = signIn(staff, "ann").session().user();
        assertThat(loaded.mayModerate(new SiteId("herald"), Optional.of("sport"))).isTrue();
        assertThat(loaded.mayModerate(new SiteId("herald"), Optional.of("politics"))).isFalse();
        assertThat(loaded.mayModerate(new SiteId("courier"), Optional.empty())).isTrue();
    }

    @Test
    void aTakenUsernameIsAConflictWhateverItsCase() {
        moderator("ann", "courier");

        assertThatThrownBy(() -> moderator("ANN", "herald"))
                .isInstanceOfSatisfying(ParleyException.Conflict.class,
                        e -> assertThat(e.type()).isEqualTo(StaffProblem.STAFF_USERNAME_TAKEN))
                .hasMessageContaining("'ann'");
        assertThat(staff.accounts()).hasSize(1);
    }

    @Test
    void anInvalidAccountIsRefusedWithEveryReasonAtOnce() {
        assertThatThrownBy(() -> staff.createUser(new NewStaffUser("not a name", Role.MODERATOR, List.of()), "short"))
                .isInstanceOfSatisfying(ParleyException.InvalidInput.class, e -> assertThat(e.errors())
                        .extracting(FieldError::field).containsExactly("username", "sites", "password"));
        assertThatThrownBy(() -> staff.createUser(new NewStaffUser("ed", Role.ADMIN, List.of(Scope.parse("courier"))), PASSWORD))
                .hasMessageContaining("must be empty for an admin");
        assertThatThrownBy(() -> staff.createUser(new NewStaffUser("ed", Role.ADMIN, List.of()), "x".repeat(1025)))
                .hasMessageContaining("12 to 1024 characters");
        assertThat(staff.accounts()).isEmpty();
    }

    @Test
    void aSessionSurvivesARestart() {
        moderator("ann", "courier");
        LoginOutcome.SignedIn signedIn = signIn(staff, "ann");

        Staff restarted = Staff.create(db, clock, CONFIG, PasswordsTest.CHEAP);

        Session session = restarted.session(signedIn.token()).orElseThrow();
        assertThat(session.id()).isEqualTo(signedIn.session().id());
        assertThat(session.csrfToken()).isEqualTo(signedIn.session().csrfToken()).hasSize(43);
        assertThat(session.user().username()).isEqualTo("ann");
        assertThat(session.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofDays(7)));
        assertThat(session.toString()).doesNotContain(session.csrfToken());
        assertThat(restarted.session("not-a-token")).isEmpty();
        assertThat(restarted.session("A".repeat(43))).isEmpty();
    }

    @Test
    void wrongPasswordsUnknownUsersAndDisabledAccountsAreRefusedAlike() {
        moderator("ann", "courier");
        moderator("bob", "courier");
        staff.disableUser("bob");

        assertThat(staff.login("ann", PASSWORD + "!", ADDRESS)).isInstanceOf(LoginOutcome.Refused.class);
        assertThat(staff.login("nobody", PASSWORD, ADDRESS)).isInstanceOf(LoginOutcome.Refused.class);
        assertThat(staff.login("nobody", PASSWORD, ADDRESS)).isInstanceOf(LoginOutcome.Refused.class);
        assertThat(staff.login("bob", PASSWORD, ADDRESS)).isInstanceOf(LoginOutcome.Refused.class);
        assertThat(staff.login(" Ann ", PASSWORD, ADDRESS)).as("usernames ignore case and spaces").isInstanceOf(LoginOutcome.SignedIn.class);
    }

    @Test
    void aSessionEndsAfterTwelveIdleHoursButEachUseExtendsIt() {
        moderator("ann", "courier");
        String token = signIn(staff, "ann").token();

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofHours(11));
            assertThat(staff.session(token)).as("after %d × 11 h, each with a request", i + 1).isPresent();
        }
        clock.advance(Duration.ofHours(12));

        assertThat(staff.session(token)).isEmpty();
        assertThat(Staff.create(db, clock, CONFIG, PasswordsTest.CHEAP).session(token)).as("gone from the store").isEmpty();
    }

    @Test
    void aSessionEndsAfterSevenDaysHoweverActive() {
        moderator("ann", "courier");
        String token = signIn(staff, "ann").token();

        for (int hours = 0; hours < 7 * 24 - 10; hours += 10) {
            clock.advance(Duration.ofHours(10));
            assertThat(staff.session(token)).as("after %d h", hours + 10).isPresent();
        }
        clock.advance(Duration.ofHours(10));

        assertThat(staff.session(token)).isEmpty();
    }

    @Test
    void logoutEndsTheSessionAndOnlyIt() {
        moderator("ann", "courier");
        LoginOutcome.SignedIn first = signIn(staff, "ann");
        LoginOutcome.SignedIn second = signIn(staff, "ann");

        staff.logout(first.session());

        assertThat(staff.session(first.token())).isEmpty();
        assertThat(Staff.create(db, clock, CONFIG, PasswordsTest.CHEAP).session(first.token())).isEmpty();
        assertThat(staff.session(second.token())).isPresent();
    }

    @Test
    void disablingAUserEndsTheirSessionsEverywhere() {
        moderator("ann", "courier");
        moderator("bob", "courier");
        String ann = signIn(staff, "ann").token();
        String bob = signIn(staff, "bob").token();
        Staff otherNode = Staff.create(db, clock, CONFIG, PasswordsTest.CHEAP);
        assertThat(otherNode.session(ann)).isPresent();

        StaffUser disabled = staff.disableUser("ANN");

        assertThat(disabled.username()).isEqualTo("ann");
        assertThat(staff.session(ann)).as("at once on this node").isEmpty();
        assertThat(otherNode.session(ann)).as("at once for another door on this database (other nodes: CachesOnPostgresTest)")
                .isEmpty();
        assertThat(staff.session(bob)).isPresent();
        assertThat(staff.accounts()).filteredOn(StaffAccount::disabled).extracting(a -> a.user().username()).containsExactly("ann");
        assertThatThrownBy(() -> staff.disableUser("nobody"))
                .isInstanceOfSatisfying(ParleyException.NotFound.class,
                        e -> assertThat(e.type()).isEqualTo(StaffProblem.UNKNOWN_STAFF_USER));
    }

    @Test
    void theSixthFailedSignInWithinFifteenMinutesIsRateLimited() {
        moderator("ann", "courier");
        for (int i = 0; i < 5; i++) {
            assertThat(staff.login("ann", "wrong password " + i, ADDRESS)).isInstanceOf(LoginOutcome.Refused.class);
        }

        assertThatThrownBy(() -> staff.login("ann", PASSWORD, ADDRESS))
                .isInstanceOfSatisfying(ParleyException.RateLimited.class, e -> {
                    assertThat(e.type()).isEqualTo(StaffProblem.LOGIN_RATE_LIMITED);
                    assertThat(e.retryAfterSeconds()).isBetween(1L, 180L);
                });
        assertThatThrownBy(() -> staff.login("ann", PASSWORD, "198.51.100.7")).as("the limit follows the username")
                .isInstanceOf(ParleyException.RateLimited.class);
        assertThat(staff.login("bob", PASSWORD, ADDRESS)).as("other usernames from the address may still try")
                .isInstanceOf(LoginOutcome.Refused.class);
        clock.advance(Duration.ofMinutes(3));
        assertThat(staff.login("ann", PASSWORD, ADDRESS)).isInstanceOf(LoginOutcome.SignedIn.class);
    }

    @Test
    void oneAddressMayFailTwentyTimesAcrossUsernames() {
        for (int i = 0; i < 20; i++) {
            assertThat(staff.login("user" + i, PASSWORD, ADDRESS)).isInstanceOf(LoginOutcome.Refused.class);
        }

        assertThatThrownBy(() -> staff.login("someone-else", PASSWORD, ADDRESS)).isInstanceOf(ParleyException.RateLimited.class);
        assertThat(staff.login("someone-else", PASSWORD, "198.51.100.7")).isInstanceOf(LoginOutcome.Refused.class);
    }

    @Test
    void aStoredHashIsStrengthenedAtSignInWhenTheParametersRise() {
        moderator("ann", "courier");
        Staff stronger = Staff.create(db, clock, CONFIG, new Passwords.Params(2048, 2, 1));

        assertThat(signIn(stronger, "ann").session().user().username()).isEqualTo("ann");

        String stored = db.read(h -> new StaffRepository().credentials(h, "ann")).orElseThrow().passwordHash();
        assertThat(stored).startsWith("$argon2id$v=19$m=2048,t=2,p=1$");
        assertThat(signIn(staff, "ann")).isNotNull();
    }
}
