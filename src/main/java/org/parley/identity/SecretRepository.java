package org.parley.identity;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for the {@code identity_secrets} table: secrets this installation makes once and keeps. */
final class SecretRepository {

    /** Stores {@code secret} under {@code name} unless one is there (another node may have been first). */
    void insertIfAbsent(Handle h, String name, String secret, Instant now) {
        h.createUpdate("""
                        INSERT INTO identity_secrets (name, secret, created_at) VALUES (:name, :secret, :now)
                        ON CONFLICT (name) DO NOTHING""")
                .bind("name", name)
                .bind("secret", secret)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    Optional<String> find(Handle h, String name) {
        return h.createQuery("SELECT secret FROM identity_secrets WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .findOne();
    }
}
