package org.parley.mail;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Why Parley writes to someone; a reader opts out of one category at a time. Its slug is part of the
 * unsubscribe links already sent, so a constant is never renamed once shipped.
 */
public enum MailCategory {
    /**
     * Sign-in links. Not unsubscribable: one is sent only when the reader asks for it, so an opt-out could
     * only lock them out; such emails carry no unsubscribe link and are never skipped.
     */
    SIGN_IN(false),
    /** Someone replied to the reader's comment. */
    REPLIES(true),
    /** Periodic summaries of activity. */
    DIGEST(true),
    /** Decisions about the reader's own comments (rejections, holds). */
    MODERATION_NOTICES(true),
    /** Alerts to moderators about what needs their attention. */
    MODERATOR_ALERTS(true);

    private final boolean unsubscribable;

    MailCategory(boolean unsubscribable) {
        this.unsubscribable = unsubscribable;
    }

    /** Whether a recipient may opt out of this category (and its emails carry a one-click unsubscribe). */
    public boolean unsubscribable() {
        return unsubscribable;
    }

    /** Kebab case, e.g. {@code moderation-notices}: stored and signed into unsubscribe links. */
    public String slug() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The category with this slug, if any. */
    public static Optional<MailCategory> ofSlug(String slug) {
        return Arrays.stream(values()).filter(c -> c.slug().equals(slug)).findFirst();
    }
}
