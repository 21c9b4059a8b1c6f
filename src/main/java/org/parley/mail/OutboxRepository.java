package org.parley.mail;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.parley.store.Vendor;

/** SQL for {@code mail_outbox}: queued emails, their claims by senders, and what became of them. */
final class OutboxRepository {

    private final Vendor vendor;

    OutboxRepository(Vendor vendor) {
        this.vendor = vendor;
    }

    void insert(Handle h, MailId id, OutgoingMail mail, String recipientHash, Templates.Rendered rendered,
                Optional<String> unsubscribeUrl, Instant now) {
        h.createUpdate("""
                        INSERT INTO mail_outbox (id, template, category, recipient, recipient_hash, subject, text_body, html_body,
                                                 unsubscribe_url, state, attempts, created_at, next_attempt_at)
                        VALUES (:id, :template, :category, :recipient, :hash, :subject, :text, :html, :unsubscribe, 'queued', 0, :now, :now)""")
                .bind("id", id.value())
                .bind("template", mail.template().file())
                .bind("category", mail.category().slug())
                .bind("recipient", mail.to().value())
                .bind("hash", recipientHash)
                .bind("subject", rendered.subject())
                .bind("text", rendered.text())
                .bind("html", rendered.html())
                .bind("unsubscribe", unsubscribeUrl.orElse(null))
                .bind("now", now.toEpochMilli())
                .execute();
    }

    /**
     * Leases up to {@code limit} due, unclaimed emails to {@code claim} until {@code until}; returns how many.
     * The outer conditions are checked again on each row as it is updated, so of two senders racing for a
     * row only one gets it; PostgreSQL's SKIP LOCKED also lets them take different rows instead of waiting.
     */
    int claim(Handle h, String claim, Instant now, Instant until, int limit) {
        String lock = vendor == Vendor.POSTGRESQL ? " FOR UPDATE SKIP LOCKED" : "";
        return h.createUpdate("""
                        UPDATE mail_outbox SET claimed_by = :claim, claim_until = :until
                        WHERE id IN (SELECT id FROM mail_outbox
                                     WHERE state = 'queued' AND next_attempt_at <= :now AND claim_until < :now
                                     ORDER BY next_attempt_at LIMIT :limit""" + lock + """
                        )
                          AND state = 'queued' AND next_attempt_at <= :now AND claim_until < :now""")
                .bind("claim", claim)
                .bind("until", until.toEpochMilli())
                .bind("now", now.toEpochMilli())
                .bind("limit", limit)
                .execute();
    }

    List<OutboxRow> claimed(Handle h, String claim) {
        return h.createQuery("""
                        SELECT id, recipient, recipient_hash, subject, text_body, html_body, unsubscribe_url, attempts
                        FROM mail_outbox WHERE claimed_by = :claim AND state = 'queued' ORDER BY next_attempt_at, id""")
                .bind("claim", claim)
                .map((rs, ctx) -> new OutboxRow(new MailId(rs.getString("id")), rs.getString("recipient"),
                        rs.getString("recipient_hash"), rs.getString("subject"), rs.getString("text_body"),
                        rs.getString("html_body"), Optional.ofNullable(rs.getString("unsubscribe_url")), rs.getInt("attempts")))
                .list();
    }

    /** Records an attempt's outcome, if {@code claim} still holds the email; false when it lost it. */
    boolean finish(Handle h, MailId id, String claim, MailState state, int attempts, Instant nextAttempt,
                   Optional<Instant> finished, Optional<String> error) {
        return h.createUpdate("""
                        UPDATE mail_outbox SET state = :state, attempts = :attempts, next_attempt_at = :next, finished_at = :finished,
                                               last_error = :error, claimed_by = NULL, claim_until = 0
                        WHERE id = :id AND claimed_by = :claim""")
                .bind("state", state.column())
                .bind("attempts", attempts)
                .bind("next", nextAttempt.toEpochMilli())
                .bind("finished", finished.map(Instant::toEpochMilli).orElse(null))
                .bind("error", error.orElse(null))
                .bind("id", id.value())
                .bind("claim", claim)
                .execute() == 1;
    }

    /** Gives back what {@code claim} still holds unsent, for the next pass here or on another node. */
    void release(Handle h, String claim) {
        h.createUpdate("UPDATE mail_outbox SET claimed_by = NULL, claim_until = 0 WHERE claimed_by = :claim AND state = 'queued'")
                .bind("claim", claim)
                .execute();
    }

    /** When the next queued email falls due, or its lease runs out (epoch milliseconds); empty when none waits. */
    Optional<Long> nextDue(Handle h) {
        return h.createQuery("""
                        SELECT COALESCE(MIN(CASE WHEN claim_until > next_attempt_at THEN claim_until ELSE next_attempt_at END), -1)
                        FROM mail_outbox WHERE state = 'queued'""")
                .mapTo(Long.class)
                .findOne()
                .filter(due -> due >= 0);
    }

    Optional<MailStatus> status(Handle h, MailId id) {
        return h.createQuery("""
                        SELECT category, state, attempts, next_attempt_at, finished_at, last_error FROM mail_outbox WHERE id = :id""")
                .bind("id", id.value())
                .map((rs, ctx) -> {
                    long finished = rs.getLong("finished_at");
                    boolean hasFinished = !rs.wasNull();
                    return new MailStatus(id, MailCategory.ofSlug(rs.getString("category")).orElseThrow(),
                            MailState.ofColumn(rs.getString("state")), rs.getInt("attempts"),
                            Instant.ofEpochMilli(rs.getLong("next_attempt_at")),
                            hasFinished ? Optional.of(Instant.ofEpochMilli(finished)) : Optional.empty(),
                            Optional.ofNullable(rs.getString("last_error")));
                })
                .findOne();
    }

    /** Deletes sent and failed emails finished before {@code before}; returns how many. */
    int prune(Handle h, Instant before) {
        return h.createUpdate("DELETE FROM mail_outbox WHERE state <> 'queued' AND finished_at < :before")
                .bind("before", before.toEpochMilli())
                .execute();
    }
}
