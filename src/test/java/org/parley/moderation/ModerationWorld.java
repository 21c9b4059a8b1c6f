package org.parley.moderation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.parley.abuse.AbuseAssessment;
import org.parley.comments.Comment;
import org.parley.comments.CommentId;
import org.parley.comments.Comments;
import org.parley.comments.CommentsConfig;
import org.parley.comments.Markdown;
import org.parley.comments.NewComment;
import org.parley.comments.PageKey;
import org.parley.comments.ReviewItem;
import org.parley.comments.ReviewQuery;
import org.parley.comments.ReviewQueue;
import org.parley.identity.ReaderId;
import org.parley.identity.Identity;
import org.parley.live.InProcessEventBus;
import org.parley.live.LiveStreams;
import org.parley.media.Media;
import org.parley.media.MediaConfig;
import org.parley.screening.Screening;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.MutableClock;
import org.parley.words.Words;

/**
 * A newsroom for moderation's store contracts, on a fresh database per test: one site, comments screened
 * by the real screening, moderation on top, and an abuse model whose answer per text the test sets.
 */
abstract class ModerationWorld {

    static final SiteId SITE = new SiteId("courier");
    static final PageKey PAGE = new PageKey("river-report");
    /** A second site, for what must stay within one. */
    static final SiteId OTHER_SITE = new SiteId("gazette");

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    Identity identity;
    Comments comments;
    Moderation moderation;
    Words words;
    Screening screening;
    Media media;
    /** The abuse model's probability per comment text, set by tests; 0 unless a test says otherwise. */
    Map<String, Double> hostility = new ConcurrentHashMap<>();
    /** Comment texts the test's abuse model finds not in English (its score then unreliable). */
    java.util.Set<String> otherLanguage = ConcurrentHashMap.newKeySet();
    /** What goes wrong inside the abuse model for a comment text, set by tests that break screening on purpose. */
    Map<String, Runnable> breakdowns = new ConcurrentHashMap<>();

    abstract StoreConfig store(Path dir);

    void dropStore(StoreConfig config) {
    }

    @BeforeEach
    void open() {
        config = store(dir);
        db = Database.open(config);
        Sites sites = Sites.create(db, clock);
        sites.save(NewSite.withDefaults(SITE, "The Courier", List.of()));
        sites.save(NewSite.withDefaults(OTHER_SITE, "The Gazette", List.of()));
        identity = Identity.create(db, clock, sites);
        words = Words.create(db);
        moderation = Moderation.create(db, clock, new InProcessEventBus(), sites, identity, words, commentsDoor(), ModerationRules.defaults(), abuse());
        media = Media.create(db, clock, MediaConfig.defaults());
        comments = comments(sites, moderation);
    }

    @AfterEach
    void close() {
        db.close();
        dropStore(config);
    }

    private final AtomicReference<Comments> door = new AtomicReference<>();

    private java.util.function.Supplier<Comments> commentsDoor() {
        return door::get;
    }

    /** The test's abuse model: what {@link #breakdowns} says goes wrong, else the {@link #hostility} given. */
    Function<String, AbuseAssessment> abuse() {
        return text -> {
            breakdowns.getOrDefault(text, () -> { }).run();
            return new AbuseAssessment(hostility.getOrDefault(text, 0.0), List.of(), !otherLanguage.contains(text));
        };
    }

    /** Comments screened for {@code moderation} (a fresh one: as after a restart); moderation acts on these from now on. */
    Comments comments(Sites sites, Moderation moderation) {
        screening = Screening.create(db, clock, moderation, words, identity, abuse());
        Comments created = Comments.create(db, clock, new InProcessEventBus(), LiveStreams.create(Duration.ofSeconds(30), 8), sites,
                identity, media, CommentsConfig.defaults(), screening);
        door.set(created);
        return created;
    }

    ReaderId guest() {
        return identity.createGuest().id();
    }

    Comment post(ReaderId author, Optional<CommentId> parent, String body) {
        return post(author, parent, body, "192.0.2.1");
    }

    Comment post(ReaderId author, Optional<CommentId> parent, String body, String address) {
        clock.advance(Duration.ofSeconds(5));
        return comments.post(author, new NewComment(SITE, PAGE, parent, new Markdown(body), Optional.of("Name"),
                Optional.empty(), Optional.empty(), address));
    }

    List<ReviewItem> queue(ReviewQueue queue) {
        return comments.review(ReviewQuery.queue(List.of(), queue, Optional.empty(), 100));
    }
}
