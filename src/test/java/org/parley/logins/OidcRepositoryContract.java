package org.parley.logins;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.store.Ids;

/**
 * The OpenID Connect tables as either database keeps them: a sign-in under way is taken back exactly once, even when
 * several callbacks race for it; sign-ins never finished are forgotten once expired; each site's providers are kept
 * in the order they were added, one per id.
 */
abstract class OidcRepositoryContract {

    static final SiteId COURIER = new SiteId("courier");
    static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    final OidcRepository repository = new OidcRepository();

    abstract Database db();

    static OidcSignInState signIn(String origin, Instant expiresAt) {
        return new OidcSignInState(COURIER, "newsroom", origin, "nonce-" + origin, "verifier-" + origin, expiresAt);
    }

    void insert(String state, OidcSignInState signIn) {
        db().write(h -> {
            repository.insertSignIn(h, Ids.digest(state), signIn);
            return null;
        });
    }

    Optional<OidcSignInState> take(String state) {
        return db().write(h -> repository.takeSignIn(h, Ids.digest(state)));
    }

    @Test
    void aSignInUnderWayIsTakenBackWithWhatItKeptAndOnlyOnce() {
        OidcSignInState kept = signIn("https://courier.example", NOW.plus(OidcFlow.LIFETIME));
        insert("state-1", kept);

        assertThat(take("state-1")).hasValue(kept);
        assertThat(take("state-1")).as("a replayed state finds nothing").isEmpty();
        assertThat(take("state-never-issued")).isEmpty();
    }

    @Test
    void callbacksRacingForOneStateLetExactlyOneFinish() throws Exception {
        insert("raced", signIn("https://courier.example", NOW.plus(OidcFlow.LIFETIME)));
        List<Future<Optional<OidcSignInState>>> racers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                racers.add(pool.submit(() -> take("raced")));
            }
        }
        int winners = 0;
        for (Future<Optional<OidcSignInState>> racer : racers) {
            winners += racer.get().isPresent() ? 1 : 0;
        }
        assertThat(winners).isEqualTo(1);
    }

    @Test
    void signInsNeverFinishedAreForgottenOnceExpired() {
        insert("old", signIn("https://old.example", NOW.minus(Duration.ofMinutes(1))));
        insert("fresh", signIn("https://fresh.example", NOW.plus(Duration.ofMinutes(5))));

        int forgotten = db().write(h -> repository.forgetExpiredSignIns(h, NOW));
        assertThat(forgotten).isEqualTo(1);
        assertThat(take("old")).isEmpty();
        assertThat(take("fresh")).isPresent();
    }

    @Test
    void aSitesProvidersAreKeptInTheOrderAddedOnePerIdAndCanBeRemoved() {
        OidcProvider keycloak = new OidcProvider("newsroom", "Newsroom ID", URI.create("https://id.courier.example/realms/readers"),
                "parley", "secret-1", null);
        OidcProvider google = new OidcProvider("google", "Google", URI.create("https://accounts.google.com"), "123.apps", "secret-2",
                "openid email");
        boolean first = db().write(h -> repository.insert(h, COURIER, keycloak, NOW));
        boolean second = db().write(h -> repository.insert(h, COURIER, google, NOW.plusSeconds(1)));
        boolean again = db().write(h -> repository.insert(h, COURIER, keycloak, NOW.plusSeconds(2)));
        assertThat(first).isTrue();
        assertThat(second).isTrue();
        assertThat(again).as("the id is taken").isFalse();

        assertThat(providers(COURIER)).containsExactly(keycloak, google);
        assertThat(providers(new SiteId("gazette"))).isEmpty();
        boolean removed = db().write(h -> repository.delete(h, COURIER, "newsroom"));
        boolean removedAgain = db().write(h -> repository.delete(h, COURIER, "newsroom"));
        assertThat(removed).isTrue();
        assertThat(removedAgain).isFalse();
        assertThat(providers(COURIER)).containsExactly(google);
    }

    List<OidcProvider> providers(SiteId site) {
        return db().read(h -> repository.providers(h, site));
    }
}
