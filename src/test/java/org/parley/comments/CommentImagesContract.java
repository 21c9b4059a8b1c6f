package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.http.FieldError;
import org.parley.http.ParleyException;
import org.parley.identity.ReaderId;
import org.parley.identity.Identity;
import org.parley.live.InProcessEventBus;
import org.parley.live.LiveStreams;
import org.parley.media.ImageId;
import org.parley.media.Media;
import org.parley.media.MediaConfig;
import org.parley.sites.ImageRules;
import org.parley.sites.NewSite;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;
import org.parley.store.StoreConfig;
import org.parley.testing.MutableClock;
import org.parley.testing.TestPictures;

/** What comments promise about the images they show, run once per database. */
abstract class CommentImagesContract {

    static final SiteId SITE = new SiteId("courier");
    static final SiteId PLAIN = new SiteId("plain");
    static final PageKey PAGE = new PageKey("2026/11/chart");

    @TempDir
    Path dir;
    StoreConfig config;
    Database db;
    MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));
    Comments comments;
    Media media;
    ReaderId ann;
    ReaderId bob;

    abstract StoreConfig store(Path dir);

    void dropStore(StoreConfig config) {
    }

    @BeforeEach
    void open() {
        config = store(dir);
        db = Database.open(config);
        Sites sites = Sites.create(db, clock);
        sites.save(new NewSite(SITE, "The Courier", java.util.Set.of(), NewSite.DEFAULT_EDIT_WINDOW,
                NewSite.DEFAULT_MAX_COMMENT_LENGTH, new ImageRules(2, 1 << 20, 1_000_000)));
        sites.save(new NewSite(PLAIN, "Text only", java.util.Set.of(), NewSite.DEFAULT_EDIT_WINDOW,
                NewSite.DEFAULT_MAX_COMMENT_LENGTH, new ImageRules(0, 1 << 20, 1_000_000)));
        Identity identity = Identity.create(db, clock, sites);
        media = Media.create(db, clock, MediaConfig.defaults());
        comments = Comments.create(db, clock, new InProcessEventBus(), LiveStreams.create(Duration.ofSeconds(30), 8), sites,
                identity, media, CommentsConfig.defaults(), Gate.PUBLISH_ALL);
        ann = identity.createGuest().id();
        bob = identity.createGuest().id();
    }

    @AfterEach
    void close() {
        db.close();
        dropStore(config);
    }

    ImageId upload(int seed) {
        return media.store(TestPictures.png(400, 300, seed)).id();
    }

    Comment post(ReaderId author, SiteId site, Optional<CommentId> parent, String body, NewImage... images) {
        return comments.post(author, new NewComment(site, PAGE, parent, new Markdown(body), Optional.of("Ann"),
                Optional.empty(), Optional.empty(), "192.0.2.1", List.of(images)));
    }

    Comment shown(CommentId id) {
        return comments.thread(SITE, PAGE, Sort.OLDEST, Optional.empty(), 50, Optional.empty()).comments().stream()
                .flatMap(node -> java.util.stream.Stream.concat(java.util.stream.Stream.of(node), node.replies().stream()))
                .map(ThreadNode::comment)
                .filter(c -> c.id().equals(id))
                .findFirst().orElseThrow();
    }

    static ParleyException.InvalidInput refused(Runnable attempt) {
        return catchThrowableOfType(ParleyException.InvalidInput.class, attempt::run);
    }

    @Test
    void aCommentShowsItsImagesInOrderWithAltTextAndSizesAndMayHaveNoText() {
        ImageId chart = upload(1);
        ImageId photo = upload(2);
        Comment posted = post(ann, SITE, Optional.empty(), "Here's the trend line:",
                new NewImage(photo, "  A river in flood  "), new NewImage(chart, ""));
        Comment onlyImage = post(bob, SITE, Optional.of(posted.id()), "   ", new NewImage(chart, "The same chart"));

        assertThat(shown(posted.id()).images()).extracting(CommentImage::id, CommentImage::alt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(photo, "A river in flood"),
                        org.assertj.core.groups.Tuple.tuple(chart, ""));
        CommentImage first = shown(posted.id()).images().getFirst();
        assertThat(List.of(first.width(), first.height(), first.thumbWidth(), first.thumbHeight())).containsExactly(400, 300, 320, 240);
        assertThat(first.url()).isEqualTo("/media/" + photo.value() + "/display");
        assertThat(shown(onlyImage.id()).html().html()).isEmpty();
        assertThat(shown(onlyImage.id()).images()).extracting(CommentImage::alt).containsExactly("The same chart");
    }

    @Test
    void badAttachmentsAreRefusedNamingEachAndNothingIsWritten() {
        ImageId chart = upload(1);
        ImageId never = new ImageId("0".repeat(64));

        ParleyException.InvalidInput tooMany = refused(() -> post(ann, SITE, Optional.empty(), "Three",
                new NewImage(chart, ""), new NewImage(upload(2), ""), new NewImage(upload(3), "")));
        assertThat(tooMany.type()).isEqualTo(CommentProblem.TOO_MANY_IMAGES);
        assertThat(tooMany.detail()).contains("up to 2 images");

        ParleyException.InvalidInput off = refused(() -> post(ann, PLAIN, Optional.empty(), "Look", new NewImage(chart, "")));
        assertThat(off.type()).isEqualTo(CommentProblem.TOO_MANY_IMAGES);
        assertThat(off.detail()).isEqualTo("This site takes no images in comments.");

        ParleyException.InvalidInput missing = refused(() -> post(ann, SITE, Optional.empty(), "Look", new NewImage(never, "")));
        assertThat(missing.type()).isEqualTo(CommentProblem.IMAGE_NOT_UPLOADED);
        assertThat(missing.errors()).extracting(FieldError::field).containsExactly("images[0].id");

        ParleyException.InvalidInput bad = refused(() -> post(ann, SITE, Optional.empty(), "Look",
                new NewImage(chart, "x".repeat(501)), new NewImage(chart, "again")));
        assertThat(bad.type()).isEqualTo(CommentProblem.INVALID_IMAGES);
        assertThat(bad.errors()).extracting(FieldError::field).containsExactly("images[0].alt", "images[1].id");

        ParleyException.InvalidInput controls = refused(() -> post(ann, SITE, Optional.empty(), "Look", new NewImage(chart, "line\nbreak")));
        assertThat(controls.errors()).extracting(FieldError::message).containsExactly("must not contain control characters or line breaks");

        ParleyException.InvalidInput empty = refused(() -> post(ann, SITE, Optional.empty(), " \n "));
        assertThat(empty.type()).isEqualTo(CommentProblem.EMPTY_COMMENT);

        assertThat(comments.thread(SITE, PAGE, Sort.OLDEST, Optional.empty(), 50, Optional.empty()).comments()).isEmpty();
    }

    @Test
    void anImageLeavesStorageWhenItsLastCommentIsDeletedButNotBefore() {
        ImageId shared = upload(1);
        ImageId own = upload(2);
        Comment first = post(ann, SITE, Optional.empty(), "Chart", new NewImage(shared, ""), new NewImage(own, ""));
        Comment second = post(bob, SITE, Optional.empty(), "Same chart", new NewImage(shared, ""));

        comments.delete(SITE, ann, first.id());

        assertThat(media.find(own)).as("shown by no comment any more").isEmpty();
        assertThat(media.find(shared)).as("still shown by the second comment").isPresent();
        comments.delete(SITE, bob, second.id());
        assertThat(media.find(shared)).isEmpty();
    }

    @Test
    void editingKeepsTheImagesAndMayClearTheTextOfAnImageComment() {
        ImageId chart = upload(1);
        Comment withImage = post(ann, SITE, Optional.empty(), "Chart", new NewImage(chart, "Chart"));
        Comment textOnly = post(ann, SITE, Optional.empty(), "Words");

        assertThat(comments.edit(SITE, ann, withImage.id(), new Markdown(" "), "192.0.2.1")).isInstanceOf(EditOutcome.Edited.class);
        assertThat(shown(withImage.id()).images()).extracting(CommentImage::id).containsExactly(chart);
        assertThat(refused(() -> comments.edit(SITE, ann, textOnly.id(), new Markdown(" "), "192.0.2.1")).type())
                .isEqualTo(CommentProblem.EMPTY_COMMENT);
        assertThat(shown(textOnly.id()).html().html()).contains("Words");
    }

    @Test
    void aModeratorRemovesOneImageTheTextStaysAndTheImageLeavesStorage() {
        ImageId keep = upload(1);
        ImageId remove = upload(2);
        Comment posted = post(ann, SITE, Optional.empty(), "Two pictures", new NewImage(keep, "kept"), new NewImage(remove, "gone"));

        Moderated change = comments.moderate(posted.id(), new ModerationChange.RemoveImage(remove));

        assertThat(change.before().images()).hasSize(2);
        assertThat(change.after().images()).extracting(CommentImage::id).containsExactly(keep);
        assertThat(shown(posted.id()).images()).extracting(CommentImage::id).containsExactly(keep);
        assertThat(shown(posted.id()).html().html()).contains("Two pictures");
        assertThat(media.find(remove)).isEmpty();
        ParleyException.NotFound again = catchThrowableOfType(ParleyException.NotFound.class,
                () -> comments.moderate(posted.id(), new ModerationChange.RemoveImage(remove)));
        assertThat(again.type()).isEqualTo(CommentProblem.UNKNOWN_COMMENT_IMAGE);
    }

    @Test
    void theSweepDeletesOnlyOldUploadsThatNoCommentShows() {
        ImageId abandoned = upload(1);
        ImageId used = upload(2);
        post(ann, SITE, Optional.empty(), "Used", new NewImage(used, ""));
        clock.advance(Duration.ofHours(25));
        ImageId fresh = upload(3);

        assertThat(comments.sweepImages(Duration.ofDays(1))).isEqualTo(1);

        assertThat(media.find(abandoned)).isEmpty();
        assertThat(media.find(used)).isPresent();
        assertThat(media.find(fresh)).as("a reader may still be writing its comment").isPresent();
    }
}
