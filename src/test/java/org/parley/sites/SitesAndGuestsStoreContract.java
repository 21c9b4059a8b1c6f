package org.parley.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.http.ParleyException;
import org.parley.identity.Identity;
import org.parley.identity.NewGuest;
import org.parley.identity.Voice;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.MutableClock;

/** What sites and guests promise about their stored state, run once per database. */
abstract class SitesAndGuestsStoreContract {

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;
    Sites sites;
    Identity identity;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    abstract StoreConfig store(Path dir);

    void dropStore(StoreConfig config) {
    }

    @BeforeEach
    void open() {
        config = store(dir);
        db = Database.open(config);
        sites = Sites.create(db, clock);
        identity = Identity.create(db, clock, sites);
    }

    @AfterEach
    void close() {
        db.close();
        dropStore(config);
    }

    @Test
    void aNewSiteGetsASecretOnceAndUpdatesKeepIt() {
        SavedSite created = sites.save(NewSite.withDefaults(new SiteId("courier"), "The Courier", List.of("https://courier.example/")));
        assertThat(created.newSecret()).isPresent();
        assertThat(created.site().origins()).containsExactly("https://courier.example");

        SavedSite updated = sites.save(new NewSite(new SiteId("courier"), "The Daily Courier",
                Set.of("https://courier.example", "https://WWW.Courier.example:443"), Duration.ofMinutes(5), 2_000,
                new ImageRules(1, 2L << 20, 12_000_000L)));
        assertThat(updated.newSecret()).isEmpty();
        Site site = sites.find(new SiteId("courier")).orElseThrow();
        assertThat(site.name()).isEqualTo("The Daily Courier");
        assertThat(site.images()).isEqualTo(new ImageRules(1, 2L << 20, 12_000_000L));
        assertThat(created.site().images()).as("a site created with defaults").isEqualTo(ImageRules.defaults());
        assertThat(site.origins()).containsExactlyInAnyOrder("https://courier.example", "https://www.courier.example");
        assertThat(site.editWindow()).isEqualTo(Duration.ofMinutes(5));
        assertThat(site.maxCommentLength()).isEqualTo(2_000);

        sites.requireSecret(site, created.newSecret());
        assertThatThrownBy(() -> sites.requireSecret(site, Optional.of("guess"))).isInstanceOf(ParleyException.Forbidden.class);
        assertThatThrownBy(() -> sites.requireSecret(site, Optional.empty())).isInstanceOf(ParleyException.Forbidden.class);
    }

    @Test
    void rotatingTheSecretRetiresTheOldOne() {
        String old = sites.save(NewSite.withDefaults(new SiteId("courier"), "C", List.of())).newSecret().orElseThrow();
        String fresh = sites.rotateSecret(new SiteId("courier"));
        Site site = sites.require("courier");
        sites.requireSecret(site, Optional.of(fresh));
        assertThatThrownBy(() -> sites.requireSecret(site, Optional.of(old))).isInstanceOf(ParleyException.Forbidden.class);
        assertThatThrownBy(() -> sites.rotateSecret(new SiteId("nosuch"))).isInstanceOf(ParleyException.NotFound.class);
    }

    @Test
    void unknownOrMalformedSitesAreNotFound() {
        assertThat(sites.find(new SiteId("nosuch"))).isEmpty();
        assertThatThrownBy(() -> sites.require("nosuch")).isInstanceOf(ParleyException.NotFound.class).hasMessageContaining("nosuch");
        assertThatThrownBy(() -> sites.require("../etc")).isInstanceOf(ParleyException.NotFound.class);
    }

    @Test
    void aGuestIsRecognisedByItsTokenAndOnlyByIt() {
        NewGuest guest = identity.createGuest();
        NewGuest other = identity.createGuest();
        assertThat(identity.authenticate(guest.token())).contains(guest.id());
        assertThat(identity.authenticate(other.token())).contains(other.id());
        assertThat(identity.authenticate(guest.token() + "x")).isEmpty();
        assertThat(identity.requireReader(Optional.of(guest.token()))).isEqualTo(guest.id());
        assertThatThrownBy(() -> identity.requireReader(Optional.empty())).isInstanceOf(ParleyException.Forbidden.class);
        String stored = db.read(h -> h.createQuery("SELECT token_hash FROM guests WHERE id = :id")
                .bind("id", guest.id().value()).mapTo(String.class).one());
        assertThat(stored).as("only a digest of the token is stored").doesNotContain(guest.token()).hasSize(64);
    }

    @Test
    void aGuestKeepsOnlyAKeyedPseudonymOfTheNetworkItCameFrom() {
        NewGuest guest = identity.createGuest("203.0.113.7");
        String row = db.read(h -> h.createQuery("SELECT id || ' ' || token_hash || ' ' || network || ' ' || created_at FROM guests WHERE id = :id")
                .bind("id", guest.id().value()).mapTo(String.class).one());
        String network = row.split(" ")[2];
        assertThat(network).matches("[0-9a-f]{32}");
        assertThat(row).as("no trace of the address").doesNotContain("203.0.113").doesNotContain("cb007107");
        assertThat(identity.voice(guest.id(), "203.0.113.7:4711").network()).as("the same network, as votes see it")
                .isEqualTo(network);
        assertThat(identity.voice(guest.id(), "203.0.113.7").delegation()).as("an IPv4 address at every reach")
                .isEqualTo(network);
        Voice home = identity.voice(guest.id(), "2001:db8:1:2::1");
        assertThat(home.network()).as("an IPv6 /56 is one household")
                .isEqualTo(identity.voice(guest.id(), "2001:db8:1:2:ffff::9").network())
                .isEqualTo(identity.voice(guest.id(), "2001:db8:1:3::1").network())
                .isNotEqualTo(identity.voice(guest.id(), "2001:db8:1:100::1").network())
                .isNotEqualTo(home.delegation()).matches("[0-9a-f]{32}");
        assertThat(home.delegation()).as("an IPv6 /48 is one delegation")
                .isEqualTo(identity.voice(guest.id(), "2001:db8:1:ff00::1").delegation())
                .isNotEqualTo(identity.voice(guest.id(), "2001:db8:2::1").delegation());
    }

    @Test
    void theNetworkSecretIsMadeOnceAndKeptWhenParleyStartsAgain() {
        NewGuest guest = identity.createGuest();
        Identity restarted = Identity.create(db, clock, sites);
        assertThat(restarted.voice(guest.id(), "198.51.100.4").network())
                .isEqualTo(identity.voice(guest.id(), "198.51.100.4").network());
        int secrets = db.read(h -> h.createQuery("SELECT COUNT(*) FROM identity_secrets").mapTo(Integer.class).one());
        assertThat(secrets).isEqualTo(1);
    }

    @Test
    void aGuestIsBrandNewUntilItIsADayOld() {
        NewGuest guest = identity.createGuest("198.51.100.4");
        assertThat(identity.voice(guest.id(), "198.51.100.4")).extracting(Voice::newcomer).isEqualTo(true);
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(identity.voice(guest.id(), "198.51.100.4")).extracting(Voice::newcomer).isEqualTo(false);
    }

    @Test
    void guestsANetworkMakesInACrowdShareItsAllowanceWhileTheyAreNew() {
        List<NewGuest> made = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            made.add(identity.createGuest("203.0.113.9"));
            clock.advance(Duration.ofSeconds(30));
        }
        NewGuest elsewhere = identity.createGuest("198.51.100.4");
        for (NewGuest guest : made.subList(0, 5)) {
            assertThat(identity.allowanceHolder(guest.id())).as("one of a household's first five").isEqualTo("guest:" + guest.id());
        }
        String shared = identity.allowanceHolder(made.get(5).id());
        assertThat(shared).startsWith("network:").doesNotContain("203.0.113");
        assertThat(made.subList(5, 8)).allSatisfy(guest -> assertThat(identity.allowanceHolder(guest.id())).isEqualTo(shared));
        assertThat(identity.allowanceHolder(elsewhere.id())).isEqualTo("guest:" + elsewhere.id());

        clock.advance(Duration.ofHours(25));
        assertThat(identity.allowanceHolder(made.get(7).id())).as("no longer new").isEqualTo("guest:" + made.get(7).id());
        assertThat(identity.allowanceHolder(identity.createGuest("203.0.113.9").id())).as("the crowd has dispersed")
                .startsWith("guest:");
    }
}
