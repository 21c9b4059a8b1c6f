package org.parley.demo;

import io.helidon.webserver.http.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.comments.Comment;
import org.parley.comments.CommentId;
import org.parley.comments.Comments;
import org.parley.comments.CommentsConfig;
import org.parley.comments.Markdown;
import org.parley.comments.NewComment;
import org.parley.comments.NewImage;
import org.parley.comments.PageKey;
import org.parley.comments.PageMeta;
import org.parley.comments.Gate;
import org.parley.comments.Sort;
import org.parley.identity.ReaderId;
import org.parley.identity.Identity;
import org.parley.live.InProcessEventBus;
import org.parley.live.LiveStreams;
import org.parley.media.Media;
import org.parley.moderation.Moderation;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.words.WordTerm;

/**
 * The demo feature's door: sets up the demo newsroom (site, article, thread) and serves the article
 * at {@code /demo} with the widget under it. Seeding is idempotent: a thread that already has comments
 * is left as it is, so readers' comments survive a restart.
 */
public final class Demo {

    private final Database db;
    private final Sites sites;
    private final Identity identity;
    private final CommentsConfig commentsConfig;
    private final Moderation moderation;
    private final Gate screening;
    private final Media media;
    private final DemoNewsroom newsroom = DemoNewsroom.load();

    private Demo(Database db, Sites sites, Identity identity, Media media, CommentsConfig commentsConfig, Moderation moderation,
                 Gate screening) {
        this.db = db;
        this.media = media;
        this.sites = sites;
        this.identity = identity;
        this.commentsConfig = commentsConfig;
        this.moderation = moderation;
        this.screening = screening;
    }

    /**
     * The demo; its comments pass through {@code screening} like any reader's, so moderators see them, and
     * {@code moderation} sets up the demo site's word list.
     */
    public static Demo create(Database db, Sites sites, Identity identity, Media media, CommentsConfig commentsConfig,
                              Moderation moderation, Gate screening) {
        return new Demo(db, sites, identity, media, commentsConfig, moderation, screening);
    }

    /** The newsroom's content, for tests and tools that need to know what the demo holds. */
    public DemoNewsroom newsroom() {
        return newsroom;
    }

    /**
     * Creates or updates the demo site with {@code origins}, describes the article and, if its thread is
     * empty, posts the demo comments with their original timing. Returns the ids given to each comment
     * ref, empty when the thread was already there.
     */
    public Map<String, CommentId> seed(List<String> origins, String articleUrl) {
        SiteId site = new SiteId(newsroom.site().id());
        boolean created = sites.save(NewSite.withDefaults(site, newsroom.site().name(), origins)).newSecret().isPresent();
        if (created) {
            moderation.seedWords(site, newsroom.site().suspectWords().stream()
                    .map(word -> new WordTerm(word, WordTerm.Kind.SUSPECT)).toList());
            // The demo shows the whole thread and the flagged queue: the abuse model flags but never holds here.
            moderation.seedRules(site, rules -> rules.withAbuseLines(rules.abuseFlag(), 1.0));
        }
        StepClock clock = new StepClock(newsroom.page().publishedAt());
        Comments seeding = Comments.create(db, clock, new InProcessEventBus(), LiveStreams.create(Duration.ofMinutes(1), 8),
                sites, identity, media, commentsConfig, screening);
        PageKey key = new PageKey(newsroom.page().key());
        var article = newsroom.page();
        seeding.upsertPage(site, key, new PageMeta(Optional.of(article.title()), Optional.of(articleUrl),
                Optional.of(article.byline()), Optional.of(article.section()), Optional.of(article.publishedAt()),
                Optional.of(true), Set.of()));
        if (seeding.thread(site, key, Sort.OLDEST, Optional.empty(), 1, Optional.empty()).page().version() > 1) {
            return Map.of();
        }
        Map<String, ReaderId> guests = new HashMap<>();
        Map<String, CommentId> ids = new HashMap<>();
        for (DemoNewsroom.DemoComment demo : newsroom.comments()) {
            ReaderId author = demo.name() == null
                    ? identity.createGuest().id()
                    : guests.computeIfAbsent(demo.name(), name -> identity.createGuest().id());
            clock.set(article.publishedAt().plus(Duration.ofMinutes(demo.minutesAfterPublish())));
            Comment posted = seeding.post(author, new NewComment(site, key,
                    Optional.ofNullable(demo.parent()).map(ids::get), new Markdown(demo.body()),
                    Optional.ofNullable(demo.name()), Optional.empty(), Optional.empty(), "127.0.0.1",
                    Optional.ofNullable(demo.image()).map(this::upload).stream().toList()));
            ids.put(demo.ref(), posted.id());
        }
        return ids;
    }

    /** Stores a demo image as a reader's upload would be stored. */
    private NewImage upload(DemoNewsroom.DemoImage image) {
        try (InputStream in = Demo.class.getClassLoader().getResourceAsStream(image.resource())) {
            if (in == null) {
                throw new IllegalStateException("missing demo image " + image.resource() + " in the Parley jar");
            }
            return new NewImage(media.store(in.readAllBytes()).id(), image.alt());
        } catch (IOException e) {
            throw new UncheckedIOException("reading demo image " + image.resource(), e);
        }
    }

    /** The demo article page, to mount at the server root. */
    public HttpService routes() {
        return new DemoRoutes(newsroom);
    }

    /** A clock the seeder moves to each comment's original time. */
    private static final class StepClock extends Clock {
        private volatile Instant now;

        StepClock(Instant start) {
            this.now = start;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
