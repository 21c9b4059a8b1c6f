package org.parley.web;

import java.time.Clock;
import java.util.function.Supplier;
import org.parley.abuse.Abuse;
import org.parley.comments.Comments;
import org.parley.identity.Identity;
import org.parley.live.EventBus;
import org.parley.moderation.Moderation;
import org.parley.screening.Screening;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.words.Words;

/**
 * What judges comments, wired together: the abuse model (whose sentence encoder holds native memory and
 * threads until closed), the word lists, moderation and the screening of each new comment.
 */
record ModerationServices(Abuse abuse, Moderation moderation, Screening screening) implements AutoCloseable {

    /** Moderation acts on comments, which are screened with its rules: it gets {@code comments} once that exists. */
    static ModerationServices create(Database db, Clock clock, ParleyConfig config, EventBus bus, Sites sites, Identity identity,
                                     Supplier<Comments> comments) {
        Abuse abuse = config.abuseEncoder() ? Abuse.create() : Abuse.createFastOnly();
        try {
            Words words = Words.create(db);
            Moderation moderation = Moderation.create(db, clock, bus, sites, identity, words, comments, config.moderation(), abuse::assess);
            return new ModerationServices(abuse, moderation, Screening.create(db, clock, moderation, words, identity, abuse::assess));
        } catch (RuntimeException e) {
            abuse.close();
            throw e;
        }
    }

    @Override
    public void close() {
        abuse.close();
    }
}
