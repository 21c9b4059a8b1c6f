package org.parley.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.comments.CommentId;
import org.parley.comments.CommentStatus;
import org.parley.comments.Comments;
import org.parley.comments.ReviewItem;
import org.parley.comments.ReviewQuery;
import org.parley.http.Json;
import org.parley.identity.Account;
import org.parley.identity.Identity;
import org.parley.identity.ReaderId;
import org.parley.mail.EmailAddress;
import org.parley.mail.Mail;
import org.parley.mail.MailTemplate;
import org.parley.mail.OutgoingMail;
import org.parley.moderation.AuditEntry;
import org.parley.sites.Site;
import org.parley.sites.Sites;
import org.parley.store.Database;

/**
 * What is told to whom: a reply's author's parent author, a rejected comment's author. Every email is written to the
 * mail outbox in a transaction of its own, after the change it tells of committed.
 */
final class Tellings {

    /** How much of a comment an email quotes, in characters. */
    static final int EXCERPT = 240;

    private final Database db;
    private final Clock clock;
    private final Sites sites;
    private final Identity identity;
    private final Comments comments;
    private final Mail mail;
    private final NotifyRepository repository;
    private final ObjectMapper json = Json.mapper();

    Tellings(Database db, Clock clock, Sites sites, Identity identity, Comments comments, Mail mail, NotifyRepository repository) {
        this.db = db;
        this.clock = clock;
        this.sites = sites;
        this.identity = identity;
        this.comments = comments;
        this.mail = mail;
        this.repository = repository;
    }

    /** A comment readers now see: if it replies to a signed-in reader who wants to hear of replies, they hear of it. */
    void published(CommentId id) {
        Optional<ReviewItem> reply = item(id).filter(item -> item.status() == CommentStatus.PUBLISHED);
        Optional<ReviewItem> parent = reply.flatMap(ReviewItem::parentId).flatMap(this::item);
        if (parent.isEmpty() || parent.get().author().equals(reply.get().author())) {
            return;
        }
        ReviewItem answer = reply.get();
        ReaderId recipient = parent.get().author();
        Optional<EmailAddress> to = address(recipient);
        NotifySettings wants = db.read(h -> repository.settings(h, recipient)).orElse(NotifySettings.NONE);
        if (to.isEmpty() || !wants.replies() || identity.blocked(recipient).contains(answer.author())
                || db.read(h -> repository.muted(h, recipient, answer.site(), answer.page().value()))) {
            return;
        }
        Optional<String> url = pageUrl(answer);
        Site site = sites.require(answer.site().value());
        String replier = answer.authorName().orElse("A guest");
        String title = answer.pageTitle().orElse(answer.page().value());
        String summary = replier + " on \"" + title + "\": " + excerpt(answer.source().source()) + url.map(u -> "\n  " + u).orElse("");
        Instant now = clock.instant();
        db.write(h -> {
            if (repository.claim(h, id.value(), recipient, answer.site(), summary, wants.digest(), now) && !wants.digest() && url.isPresent()) {
                mail.enqueue(h, new OutgoingMail(to.get(), MailTemplate.REPLY_NOTIFICATION, Map.of("siteName", site.name(),
                        "readerName", name(recipient), "replierName", replier, "articleTitle", title,
                        "replyExcerpt", excerpt(answer.source().source()), "replyUrl", url.get())));
            }
            return null;
        });
    }

    /** A moderator's rejection with a reason for the author: a signed-in author with an address hears why. */
    void rejected(AuditEntry entry) {
        if (!entry.action().equals("reject") || entry.reason().isEmpty() || !CommentId.isValid(entry.targetId())
                || status(entry.before()).equals(CommentStatus.REJECTED.apiName())) {
            return;
        }
        item(new CommentId(entry.targetId())).ifPresent(comment -> address(comment.author()).ifPresent(to -> {
            Site site = sites.require(comment.site().value());
            mail.enqueue(new OutgoingMail(to, MailTemplate.COMMENT_REJECTED, Map.of("siteName", site.name(),
                    "readerName", name(comment.author()), "articleTitle", comment.pageTitle().orElse(comment.page().value()),
                    "commentExcerpt", excerpt(comment.source().source()), "reason", entry.reason().get())));
        }));
    }

    /** Sends each reader waiting for a digest one email per site listing their replies; returns how many emails. */
    int digests() {
        Map<String, List<NotifyRepository.Pending>> byReaderAndSite = new LinkedHashMap<>();
        db.read(repository::pendingDigests).forEach(p -> byReaderAndSite.computeIfAbsent(p.recipient() + " " + p.site(),
                k -> new ArrayList<>()).add(p));
        int sent = 0;
        for (List<NotifyRepository.Pending> replies : byReaderAndSite.values()) {
            NotifyRepository.Pending first = replies.getFirst();
            Optional<EmailAddress> to = address(first.recipient());
            Instant now = clock.instant();
            List<String> ids = replies.stream().map(NotifyRepository.Pending::commentId).toList();
            db.write(h -> {
                to.ifPresent(address -> mail.enqueue(h, new OutgoingMail(address, MailTemplate.REPLY_DIGEST, Map.of(
                        "siteName", sites.require(first.site().value()).name(), "readerName", name(first.recipient()),
                        "replyCount", String.valueOf(replies.size()),
                        "replies", String.join("\n\n", replies.stream().map(NotifyRepository.Pending::summary).toList())))));
                repository.digestSent(h, ids, now);
                return null;
            });
            sent += to.isPresent() ? 1 : 0;
        }
        return sent;
    }

    private Optional<EmailAddress> address(ReaderId reader) {
        return identity.account(reader).filter(Account::emailVerified).flatMap(Account::email)
                .filter(EmailAddress::isValid).map(EmailAddress::new);
    }

    private String name(ReaderId reader) {
        return identity.account(reader).map(Account::displayName).orElse("reader");
    }

    private Optional<ReviewItem> item(CommentId id) {
        return comments.review(ReviewQuery.ids(List.of(), List.of(id))).stream().findFirst();
    }

    /** The page's address, when it is on one of the site's origins: the first commenter set it, so it is not trusted otherwise. */
    private Optional<String> pageUrl(ReviewItem item) {
        Site site = sites.require(item.site().value());
        return item.pageUrl().filter(site::allowsPage);
    }

    private String status(Optional<String> state) {
        try {
            return state.isEmpty() ? "" : json.readTree(state.get()).path("status").asText();
        } catch (java.io.IOException e) {
            return ""; // an unreadable record: treat the rejection as new
        }
    }

    static String excerpt(String markdown) {
        String line = markdown.replaceAll("\\s+", " ").strip();
        return line.length() <= EXCERPT ? line : line.substring(0, line.offsetByCodePoints(0, Math.min(EXCERPT, line.codePointCount(0, line.length())))) + "…";
    }
}
