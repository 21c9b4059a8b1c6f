package org.parley.logins;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;

/** SQL for the {@code passkey_challenges} and {@code passkey_credentials} tables. */
final class PasskeyRepository {

    private static final String CREDENTIAL_COLUMNS =
            "credential_id, realm, account_id, user_handle, rp_id, public_key, sign_count, transports, label, created_at, last_used_at";

    void insertChallenge(Handle h, PasskeyChallenge c) {
        h.createUpdate("""
                        INSERT INTO passkey_challenges (challenge, site_id, purpose, origin, account_id, user_handle, name, expires_at)
                        VALUES (:challenge, :site, :purpose, :origin, :account, :handle, :name, :expires)""")
                .bind("challenge", c.challenge())
                .bind("site", c.site().value())
                .bind("purpose", c.purpose().wire)
                .bind("origin", c.origin())
                .bind("account", c.account().map(ReaderId::value).orElse(null))
                .bind("handle", c.userHandle().orElse(null))
                .bind("name", c.name().orElse(null))
                .bind("expires", c.expiresAt().toEpochMilli())
                .execute();
    }

    Optional<PasskeyChallenge> findChallenge(Handle h, String challenge) {
        return h.createQuery("""
                        SELECT challenge, site_id, purpose, origin, account_id, user_handle, name, expires_at, used_at
                        FROM passkey_challenges WHERE challenge = :challenge""")
                .bind("challenge", challenge)
                .map((rs, ctx) -> new PasskeyChallenge(rs.getString(1), new SiteId(rs.getString(2)),
                        PasskeyChallenge.Purpose.fromWire(rs.getString(3)), rs.getString(4),
                        Optional.ofNullable(rs.getString(5)).map(ReaderId::new), Optional.ofNullable(rs.getString(6)),
                        Optional.ofNullable(rs.getString(7)), Instant.ofEpochMilli(rs.getLong(8)), instant(rs, 9)))
                .findOne();
    }

    /** Marks a challenge answered; false when it had been already (a replay, or a race another node won). */
    boolean useChallenge(Handle h, String challenge, Instant now) {
        return h.createUpdate("UPDATE passkey_challenges SET used_at = :now WHERE challenge = :challenge AND used_at IS NULL")
                .bind("now", now.toEpochMilli())
                .bind("challenge", challenge)
                .execute() == 1;
    }

    int forgetChallengesBefore(Handle h, Instant before) {
        return h.createUpdate("DELETE FROM passkey_challenges WHERE expires_at < :before").bind("before", before.toEpochMilli()).execute();
    }

    void insertCredential(Handle h, StoredPasskey p) {
        h.createUpdate("""
                        INSERT INTO passkey_credentials (credential_id, realm, account_id, user_handle, rp_id, public_key, sign_count,
                                                         transports, label, created_at)
                        VALUES (:id, :realm, :account, :handle, :rp, :key, :count, :transports, :label, :created)""")
                .bind("id", p.credentialId())
                .bind("realm", p.realm())
                .bind("account", p.account().value())
                .bind("handle", p.userHandle())
                .bind("rp", p.rpId())
                .bind("key", p.publicKey())
                .bind("count", p.signCount())
                .bind("transports", String.join(" ", p.transports().stream().sorted().toList()))
                .bind("label", p.label())
                .bind("created", p.createdAt().toEpochMilli())
                .execute();
    }

    Optional<StoredPasskey> findCredential(Handle h, String credentialId) {
        return h.createQuery("SELECT " + CREDENTIAL_COLUMNS + " FROM passkey_credentials WHERE credential_id = :id")
                .bind("id", credentialId)
                .map((rs, ctx) -> credential(rs))
                .findOne();
    }

    List<StoredPasskey> byAccount(Handle h, ReaderId account) {
        return h.createQuery("SELECT " + CREDENTIAL_COLUMNS + " FROM passkey_credentials WHERE account_id = :account ORDER BY created_at")
                .bind("account", account.value())
                .map((rs, ctx) -> credential(rs))
                .list();
    }

    /**
     * Records a sign-in's counter, only if it moved forward (or both stay 0: authenticators that keep no counter); false
     * otherwise: a clone, or another sign-in with the same signature that won the race.
     */
    boolean advance(Handle h, String credentialId, long signCount, Instant now) {
        return h.createUpdate("""
                        UPDATE passkey_credentials SET sign_count = :count, last_used_at = :now
                        WHERE credential_id = :id AND (sign_count < :count OR (sign_count = 0 AND :count = 0))""")
                .bind("count", signCount)
                .bind("now", now.toEpochMilli())
                .bind("id", credentialId)
                .execute() == 1;
    }

    private static StoredPasskey credential(ResultSet rs) throws SQLException {
        String transports = rs.getString(8);
        Set<String> hints = transports.isBlank() ? Set.of() : Arrays.stream(transports.split(" ")).collect(Collectors.toSet());
        return new StoredPasskey(rs.getString(1), rs.getString(2), new ReaderId(rs.getString(3)), rs.getString(4), rs.getString(5),
                rs.getBytes(6), rs.getLong(7), hints, rs.getString(9), Instant.ofEpochMilli(rs.getLong(10)), instant(rs, 11));
    }

    private static Optional<Instant> instant(ResultSet rs, int column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(millis));
    }

    /** The account's passkeys, for its owner's data export: label, where it works, when made and last used. */
    List<Map<String, Object>> exportOf(Handle h, ReaderId account) {
        return byAccount(h, account).stream().map(p -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("label", p.label());
            out.put("rpId", p.rpId());
            out.put("createdAt", p.createdAt().toString());
            return out;
        }).toList();
    }

    int forgetAccount(Handle h, ReaderId account) {
        return h.createUpdate("DELETE FROM passkey_credentials WHERE account_id = :account").bind("account", account.value()).execute();
    }
}
