package org.parley.mail;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** SQL for {@code mail_secrets}: keys this installation makes once and every node shares. */
final class MailSecretRepository {

    /** Stores {@code secret} under {@code name} unless one is there (another node may have been first). */
    void insertIfAbsent(Handle h, String name, String secret, Instant now) {
        h.createUpdate("""
                        INSERT INTO mail_secrets (name, secret, created_at) VALUES (:name, :secret, :now)
                        ON CONFLICT (name) DO NOTHING""")
                .bind("name", name)
                .bind("secret", secret)
                .bind("now", now.toEpochMilli())
                .execute();
    }

    Optional<String> find(Handle h, String name) {
        return h.createQuery("SELECT secret FROM mail_secrets WHERE name = :name")
                .bind("name", name)
                .mapTo(String.class)
                .findOne();
    }
}
