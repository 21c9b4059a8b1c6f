package org.parley.mail;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/** SQL for {@code mail_opt_outs}: who wants no more mail of a category, by keyed address hash. */
final class OptOutRepository {

    /** Records the opt-out; true when it is new (a second click changes nothing). */
    boolean insert(Handle h, String addressHash, MailCategory category, Instant now) {
        return h.createUpdate("""
                        INSERT INTO mail_opt_outs (address_hash, category, created_at) VALUES (:hash, :category, :now)
                        ON CONFLICT (address_hash, category) DO NOTHING""")
                .bind("hash", addressHash)
                .bind("category", category.slug())
                .bind("now", now.toEpochMilli())
                .execute() == 1;
    }

    boolean exists(Handle h, String addressHash, MailCategory category) {
        return h.createQuery("SELECT COUNT(*) FROM mail_opt_outs WHERE address_hash = :hash AND category = :category")
                .bind("hash", addressHash)
                .bind("category", category.slug())
                .mapTo(Integer.class)
                .one() > 0;
    }
}
