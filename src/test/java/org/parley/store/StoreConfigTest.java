package org.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** How commands name the database they opened: a path a person can check, a URL with no secret in it. */
class StoreConfigTest {

    static String location(String url) {
        return new StoreConfig(url, "parley", "s3cret", 2, Path.of("data")).location();
    }

    @Test
    void sqliteIsNamedByItsAbsoluteFile() {
        assertThat(new StoreConfig("", "", "", 2, Path.of("./data/../data")).location())
                .isEqualTo("SQLite database " + Path.of("data", "parley.db").toAbsolutePath().normalize());
        assertThat(location("jdbc:sqlite:/srv/parley/parley.db?journal_mode=WAL")).isEqualTo("SQLite database /srv/parley/parley.db");
        assertThat(location("jdbc:sqlite:file:/srv/parley/other.db")).isEqualTo("SQLite database /srv/parley/other.db");
        assertThat(location("jdbc:sqlite::memory:")).isEqualTo("SQLite database jdbc:sqlite::memory:");
    }

    @Test
    void postgresqlIsNamedByItsUrlWithoutCredentials() {
        assertThat(location("jdbc:postgresql://db.internal:5432/parley")).isEqualTo("PostgreSQL database jdbc:postgresql://db.internal:5432/parley");
        assertThat(location("jdbc:postgresql://db.internal/parley?user=parley&password=s3cret&sslmode=require&currentSchema=news"))
                .isEqualTo("PostgreSQL database jdbc:postgresql://db.internal/parley?sslmode=require&currentSchema=news");
        assertThat(location("jdbc:postgresql://parley:s3cret@db.internal/parley?sslpassword=s3cret&sslkey=/k&authToken=s3cret"))
                .isEqualTo("PostgreSQL database jdbc:postgresql://db.internal/parley");
        assertThat(location("jdbc:postgresql://db.internal/parley?PASSWORD=s3cret")).doesNotContain("s3cret");
    }
}
