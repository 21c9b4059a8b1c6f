package org.parley.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.testing.RunningParley;

/** The demo newsroom re-creates every situation of the reference thread, with its shape. */
class DemoTest {

    @TempDir
    Path dir;

    static final Set<String> SITUATIONS = Set.of("insult", "nationality-slur", "identity-hostile", "profanity-argued",
            "flame-war", "block-announcement", "image", "no-name", "legitimate-disagreement");

    @Test
    void theDemoDataCoversEverySituationOfTheReferenceThread() {
        DemoNewsroom newsroom = DemoNewsroom.load();
        Set<String> covered = newsroom.comments().stream().flatMap(c -> c.situations().stream()).collect(Collectors.toSet());
        assertThat(covered).containsAll(SITUATIONS);
        assertThat(newsroom.comments()).hasSizeBetween(9, 12);
        assertThat(newsroom.comments().stream().filter(c -> c.name() == null)).hasSize(1);
        assertThat(newsroom.comments().stream().filter(c -> c.situations().contains("flame-war")).map(DemoNewsroom.DemoComment::name)
                .distinct()).as("a flame war is two people").hasSize(2);
        assertThat(newsroom.comments().stream().filter(c -> c.body().contains("\n\n"))).as("multi-paragraph comments").hasSizeGreaterThan(3);
        assertThat(newsroom.page().paragraphs()).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void theSeededThreadHasTheReferenceShapeAndSurvivesARestart() {
        DemoNewsroom newsroom = DemoNewsroom.load();
        try (RunningParley parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of())) {
            JsonNode thread = parley.http().get("/api/v1/sites/demo/thread?page=" + newsroom.page().key() + "&sort=oldest").json();
            assertThat(thread.at("/page/commentCount").asInt()).isEqualTo(newsroom.comments().size());
            assertThat(thread.at("/page/title").asText()).isEqualTo(newsroom.page().title());
            List<JsonNode> all = new java.util.ArrayList<>();
            collect(thread.get("comments"), all);
            assertThat(all).hasSize(newsroom.comments().size());
            assertThat(thread.get("comments")).hasSize((int) newsroom.comments().stream().filter(c -> c.parent() == null).count());
            assertThat(all.stream().mapToInt(c -> c.get("depth").asInt()).max().orElse(0)).as("replies two levels deep").isEqualTo(2);
            assertThat(all.stream().filter(c -> c.at("/author/name").isNull())).as("one nameless guest").hasSize(1);
            assertThat(all.stream().filter(c -> !c.get("parentId").isNull()))
                    .hasSize((int) newsroom.comments().stream().filter(c -> c.parent() != null).count());

            List<JsonNode> images = all.stream().flatMap(c -> java.util.stream.StreamSupport.stream(c.get("images").spliterator(), false)).toList();
            assertThat(images).as("the image comment shows the shipped chart").singleElement().satisfies(image -> {
                assertThat(image.get("alt").asText()).startsWith("Bar chart of ISIS-held area");
                assertThat(image.get("width").asInt()).isPositive();
                var served = parley.http().get(image.get("url").asText());
                assertThat(served.status()).isEqualTo(200);
                assertThat(served.header("Content-Type")).contains("image/png");
            });
        }
        try (RunningParley again = RunningParley.start(dir, Clock.systemUTC(), true, Map.of())) {
            JsonNode thread = again.http().get("/api/v1/sites/demo/thread?page=" + newsroom.page().key()).json();
            assertThat(thread.at("/page/commentCount").asInt()).as("not seeded twice").isEqualTo(newsroom.comments().size());
        }
    }

    private static void collect(JsonNode comments, List<JsonNode> into) {
        for (JsonNode comment : comments) {
            into.add(comment);
            collect(comment.get("replies"), into);
        }
    }

    @Test
    void theDemoThreadsInsultAndHostileReplyReachTheFlaggedQueueWithTheirWords() {
        DemoNewsroom newsroom = DemoNewsroom.load();
        try (RunningParley parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of())) {
            var flagged = parley.parley().comments().review(org.parley.comments.ReviewQuery.queue(List.of(),
                    org.parley.comments.ReviewQueue.FLAGGED, java.util.Optional.empty(), 50));
            List<String> sources = flagged.stream().map(item -> item.source().source()).toList();
            List<String> expected = newsroom.comments().stream()
                    .filter(c -> c.situations().contains("insult") || c.situations().contains("identity-hostile"))
                    .map(DemoNewsroom.DemoComment::body).toList();
            assertThat(sources).containsAll(expected);
            assertThat(flagged).allSatisfy(item -> assertThat(item.reasons()).anySatisfy(r -> assertThat(r.signal()).isEqualTo("words")));
        }
    }

    @Test
    void theDemoThreadsFlameWarSurfacesAsOneConversation() {
        DemoNewsroom newsroom = DemoNewsroom.load();
        List<String> war = newsroom.comments().stream().filter(c -> c.situations().contains("flame-war"))
                .map(DemoNewsroom.DemoComment::body).toList();
        try (RunningParley parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of())) {
            var flagged = parley.parley().comments().review(org.parley.comments.ReviewQuery.queue(List.of(),
                    org.parley.comments.ReviewQueue.FLAGGED, java.util.Optional.empty(), 50));
            var last = flagged.stream().filter(item -> item.source().source().equals(war.getLast())).findFirst().orElseThrow();
            var reason = last.reasons().stream().filter(r -> r.signal().equals("flame-war")).findFirst().orElseThrow();
            assertThat(reason.summary()).contains("3 messages back and forth between two commenters");
            var conversation = parley.parley().comments().conversation(last.id());
            assertThat(conversation).extracting(item -> item.source().source()).containsExactlyElementsOf(war);
            conversation.forEach(item -> assertThat(reason.summary()).contains(item.id().value()));
        }
    }

    @Test
    void theDemoArticlePageEmbedsTheWidgetUnderTheEscapedArticle() {
        try (RunningParley parley = RunningParley.start(dir, Clock.systemUTC(), true, Map.of())) {
            String page = parley.http().get("/demo").text();
            DemoNewsroom newsroom = DemoNewsroom.load();
            assertThat(page).contains("<h1>" + DemoRoutes.escape(newsroom.page().title()) + "</h1>")
                    .contains("data-site=\"demo\"", "data-page=\"" + newsroom.page().key() + "\"", "/widget/parley.js")
                    .contains(DemoRoutes.escape(newsroom.page().byline()));
            assertThat(parley.http().get("/").text()).contains("href=\"/demo\"");
        }
    }
}
