package org.parley.sites;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
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
import org.parley.store.Database;
import org.parley.store.StoreConfig;

/** What sites and guests promise about their stored state, run once per database. */
abstract class SitesAndGuestsStoreContract {

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;
    Sites sites;
    Identity identity;

    abstract StoreConfig store(Path dir);

    void dropStore(StoreConfig config) {
    }

    @BeforeEach
    void open() {
        config = store(dir);
        db = Database.open(config);
        sites = Sites.create(db, Clock.systemUTC());
        identity = Identity.create(db, Clock.systemUTC(), sites);
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
        assertThat(identity.requireGuest(Optional.of(guest.token()))).isEqualTo(guest.id());
        assertThatThrownBy(() -> identity.requireGuest(Optional.empty())).isInstanceOf(ParleyException.Forbidden.class);
        String stored = db.read(h -> h.createQuery("SELECT token_hash FROM guests WHERE id = :id")
                .bind("id", guest.id().value()).mapTo(String.class).one());
        assertThat(stored).as("only a digest of the token is stored").doesNotContain(guest.token()).hasSize(64);
    }
}
