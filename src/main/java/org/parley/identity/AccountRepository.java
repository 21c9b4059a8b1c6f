package org.parley.identity;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** SQL for the {@code accounts} and {@code account_logins} tables. */
final class AccountRepository {

    private static final String COLUMNS = "id, realm, display_name, email, email_verified, badges, granted_badges, vouched, created_at";

    Optional<ReaderId> byLogin(Handle h, String realm, String provider, String subject) {
        return h.createQuery("SELECT account_id FROM account_logins WHERE realm = :realm AND provider = :provider AND subject = :subject")
                .bind("realm", realm)
                .bind("provider", provider)
                .bind("subject", subject)
                .mapTo(String.class)
                .findOne()
                .map(ReaderId::new);
    }

    /** The account in {@code realm} whose verified address is {@code email}, compared without case. */
    Optional<ReaderId> byVerifiedEmail(Handle h, String realm, String email) {
        return h.createQuery("""
                        SELECT id FROM accounts WHERE realm = :realm AND email = :email AND email_verified
                        ORDER BY created_at LIMIT 1""")
                .bind("realm", realm)
                .bind("email", email)
                .mapTo(String.class)
                .findOne()
                .map(ReaderId::new);
    }

    Optional<Account> find(Handle h, ReaderId id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
                .bind("id", id.value())
                .map((rs, ctx) -> account(rs))
                .findOne();
    }

    /** True when an account of {@code realm} other than {@code except} shows a name with this key. */
    boolean nameTaken(Handle h, String realm, String nameKey, String except) {
        return h.createQuery("SELECT COUNT(*) FROM accounts WHERE realm = :realm AND name_key = :key AND id <> :except")
                .bind("realm", realm)
                .bind("key", nameKey)
                .bind("except", except)
                .mapTo(Integer.class)
                .one() > 0;
    }

    void insert(Handle h, Account account, String nameKey) {
        h.createUpdate("""
                        INSERT INTO accounts (id, realm, display_name, name_key, email, email_verified, badges, vouched,
                                              created_at, updated_at)
                        VALUES (:id, :realm, :name, :key, :email, :verified, :badges, :vouched, :now, :now)""")
                .bind("id", account.id().value())
                .bind("realm", account.realm())
                .bind("name", account.displayName())
                .bind("key", nameKey)
                .bind("email", account.email().orElse(null))
                .bind("verified", account.emailVerified())
                .bind("badges", Badge.encode(account.badges()))
                .bind("vouched", account.vouched())
                .bind("now", account.createdAt().toEpochMilli())
                .execute();
    }

    /** Stores the account's name, email and standing, with {@code loginBadges} as the badges its login gives. */
    void update(Handle h, Account account, String nameKey, Set<Badge> loginBadges, Instant now) {
        h.createUpdate("""
                        UPDATE accounts SET display_name = :name, name_key = :key, email = :email, email_verified = :verified,
                                            badges = :badges, vouched = :vouched, updated_at = :now
                        WHERE id = :id""")
                .bind("id", account.id().value())
                .bind("name", account.displayName())
                .bind("key", nameKey)
                .bind("email", account.email().orElse(null))
                .bind("verified", account.emailVerified())
                .bind("badges", Badge.encode(loginBadges))
                .bind("vouched", account.vouched())
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /** Adds the login unless it reaches an account already; true when it was added. */
    boolean addLoginIfAbsent(Handle h, String realm, String provider, String subject, ReaderId account, Instant now) {
        return h.createUpdate("""
                        INSERT INTO account_logins (realm, provider, subject, account_id, created_at)
                        VALUES (:realm, :provider, :subject, :account, :now) ON CONFLICT (realm, provider, subject) DO NOTHING""")
                .bind("realm", realm)
                .bind("provider", provider)
                .bind("subject", subject)
                .bind("account", account.value())
                .bind("now", now.toEpochMilli())
                .execute() == 1;
    }

    void addLogin(Handle h, String realm, String provider, String subject, ReaderId account, Instant now) {
        h.createUpdate("""
                        INSERT INTO account_logins (realm, provider, subject, account_id, created_at)
                        VALUES (:realm, :provider, :subject, :account, :now)""")
                .bind("realm", realm)
                .bind("provider", provider)
                .bind("subject", subject)
                .bind("account", account.value())
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /** Replaces the badges moderators gave the account. */
    void grant(Handle h, ReaderId account, Set<Badge> badges, Instant now) {
        h.createUpdate("UPDATE accounts SET granted_badges = :badges, updated_at = :now WHERE id = :id")
                .bind("badges", Badge.encode(badges))
                .bind("now", now.toEpochMilli())
                .bind("id", account.value())
                .execute();
    }

    /** Badges its login gave the account, for the login's next sign-in to replace; moderators' are not among them. */
    Set<Badge> fromLogin(Handle h, ReaderId account) {
        return h.createQuery("SELECT badges FROM accounts WHERE id = :id").bind("id", account.value()).mapTo(String.class)
                .findOne().map(Badge::decode).orElse(Set.of());
    }

    private static Account account(ResultSet rs) throws SQLException {
        Set<Badge> badges = EnumSet.noneOf(Badge.class);
        badges.addAll(Badge.decode(rs.getString("badges")));
        badges.addAll(Badge.decode(rs.getString("granted_badges")));
        return new Account(new ReaderId(rs.getString("id")), rs.getString("realm"), rs.getString("display_name"),
                Optional.ofNullable(rs.getString("email")), rs.getBoolean("email_verified"), badges,
                rs.getBoolean("vouched"), Instant.ofEpochMilli(rs.getLong("created_at")));
    }

    /** The ways an account signs in, for its owner's export: provider and since when (subjects stay inside). */
    List<Map<String, Object>> logins(Handle h, ReaderId account) {
        return h.createQuery("SELECT provider, created_at FROM account_logins WHERE account_id = :id ORDER BY created_at")
                .bind("id", account.value())
                .map((rs, ctx) -> {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("provider", rs.getString(1));
                    out.put("since", Instant.ofEpochMilli(rs.getLong(2)).toString());
                    return out;
                })
                .list();
    }

    void delete(Handle h, ReaderId account) {
        h.createUpdate("DELETE FROM account_logins WHERE account_id = :id").bind("id", account.value()).execute();
        h.createUpdate("DELETE FROM accounts WHERE id = :id").bind("id", account.value()).execute();
    }
}
