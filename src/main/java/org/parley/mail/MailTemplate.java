package org.parley.mail;

import java.util.Set;

/**
 * The emails Parley knows how to write. Each has three files, {@code <file>.subject}, {@code <file>.txt} and
 * {@code <file>.html}, shipped under {@code mail/templates/} and overridable one by one from
 * {@code mail.templatesDir}. The files may use exactly the placeholders named here, written
 * {@code {{name}}}, plus {@code unsubscribeUrl} in templates of an unsubscribable category;
 * placeholders whose name ends in {@code Url} must be given absolute http(s) URLs. Adding an email is
 * adding a constant and its three files.
 */
public enum MailTemplate {
    /** A magic sign-in link, sent on the reader's request. */
    SIGN_IN_LINK("sign-in-link", MailCategory.SIGN_IN, Set.of("siteName", "signInUrl", "validMinutes")),
    /** Someone replied to the reader's comment. */
    REPLY_NOTIFICATION("reply-notification", MailCategory.REPLIES,
            Set.of("siteName", "readerName", "replierName", "articleTitle", "replyExcerpt", "replyUrl")),
    /** The replies to the reader's comments of the last day, for readers who asked for one email a day. */
    REPLY_DIGEST("reply-digest", MailCategory.DIGEST, Set.of("siteName", "readerName", "replyCount", "replies")),
    /** Reports or flagged comments pile up on a site a staff member moderates. */
    MODERATOR_ALERT("moderator-alert", MailCategory.MODERATOR_ALERTS, Set.of("siteName", "reportCount", "flagCount", "queueUrl")),
    /** A moderator did not publish the reader's comment, and says why. */
    COMMENT_REJECTED("comment-rejected", MailCategory.MODERATION_NOTICES,
            Set.of("siteName", "readerName", "articleTitle", "commentExcerpt", "reason"));

    private final String file;
    private final MailCategory category;
    private final Set<String> placeholders;

    MailTemplate(String file, MailCategory category, Set<String> placeholders) {
        this.file = file;
        this.category = category;
        this.placeholders = placeholders;
    }

    /** Base name of the template's files, e.g. {@code sign-in-link}. */
    public String file() {
        return file;
    }

    public MailCategory category() {
        return category;
    }

    /** The values a caller must give, no more and no fewer. */
    public Set<String> placeholders() {
        return placeholders;
    }
}
