package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.sites.SiteId;

class ThreadSnapshotTest {

    private static final PageId PAGE = new PageId("p_000000000aaaaaaaa");
    private static final ThreadSnapshot.Preview ALL = new ThreadSnapshot.Preview(50, 20);

    private final List<CommentRow> rows = new ArrayList<>();
    private long time = 1_700_000_000_000L;
    private int serial;

    private String add(String parent, int up, int down, CommentStatus status) {
        return add("g_000000000aaaaaaaa", parent, up, down, status);
    }

    private String add(String author, String parent, int up, int down, CommentStatus status) {
        String id = "c_%017d".formatted(++serial).replace(' ', '0');
        int depth = parent == null ? 0 : rows.stream().filter(r -> r.id().equals(parent)).findFirst().orElseThrow().depth() + 1;
        rows.add(new CommentRow(id, PAGE, Optional.ofNullable(parent), depth, author, Optional.of("Ann"), List.of(),
                new SafeHtml("<p>" + id + "</p>"), status, time += 1000, Optional.empty(), up, down, false, Optional.empty(),
                List.of()));
        return id;
    }

    private String add(String parent) {
        return add(parent, 0, 0, CommentStatus.PUBLISHED);
    }

    private ThreadSnapshot snapshot() {
        Page page = new Page(new PageKey("k"), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true, rows.size(), rows.size());
        return ThreadSnapshot.build(new PageRow(PAGE, new SiteId("s"), page), List.copyOf(rows));
    }

    private static List<String> ids(List<ThreadNode> nodes) {
        return nodes.stream().map(n -> n.comment().id().value()).toList();
    }

    @Test
    void repliesNestInsideTheirParentsInTheOrderTheyWereWritten() {
        String root = add(null);
        String first = add(root);
        String nested = add(first);
        String second = add(root);

        ThreadNode top = snapshot().topLevel(Sort.OLDEST, Optional.empty(), 10, ALL).nodes().getFirst();

        assertThat(top.comment().id().value()).isEqualTo(root);
        assertThat(top.comment().replyCount()).isEqualTo(2);
        assertThat(ids(top.replies())).containsExactly(first, second);
        assertThat(ids(top.replies().getFirst().replies())).containsExactly(nested);
        assertThat(top.replies().getFirst().replies().getFirst().comment().depth()).isEqualTo(2);
    }

    @Test
    void aDeletedCommentWithRepliesStaysAsAPlaceholderWithoutAuthorOrText() {
        String root = add(null, 0, 0, CommentStatus.DELETED);
        String reply = add(root);

        ThreadNode top = snapshot().topLevel(Sort.OLDEST, Optional.empty(), 10, ALL).nodes().getFirst();

        assertThat(top.comment().status()).isEqualTo(CommentStatus.DELETED);
        assertThat(top.comment().author()).isEmpty();
        assertThat(top.comment().html().html()).isEmpty();
        assertThat(ids(top.replies())).containsExactly(reply);
    }

    @Test
    void deletedCommentsWithNothingVisibleBelowThemDisappear() {
        String kept = add(null);
        String gone = add(null, 0, 0, CommentStatus.DELETED);
        add(gone, 0, 0, CommentStatus.DELETED);

        var snapshot = snapshot();

        assertThat(ids(snapshot.topLevel(Sort.OLDEST, Optional.empty(), 10, ALL).nodes())).containsExactly(kept);
        assertThat(snapshot.node(gone)).isEmpty();
    }

    @Test
    void eachSortOrdersTopLevelCommentsAsReadersExpect() {
        String loved = add(null, 40, 2, CommentStatus.PUBLISHED);
        String lonely = add(null, 1, 0, CommentStatus.PUBLISHED);
        String divisive = add(null, 30, 28, CommentStatus.PUBLISHED);
        String fresh = add(null);
        var snapshot = snapshot();

        assertThat(ids(snapshot.topLevel(Sort.NEWEST, Optional.empty(), 10, ALL).nodes())).containsExactly(fresh, divisive, lonely, loved);
        assertThat(ids(snapshot.topLevel(Sort.OLDEST, Optional.empty(), 10, ALL).nodes())).containsExactly(loved, lonely, divisive, fresh);
        assertThat(ids(snapshot.topLevel(Sort.BEST, Optional.empty(), 10, ALL).nodes())).first().isEqualTo(loved);
        assertThat(ids(snapshot.topLevel(Sort.CONTROVERSIAL, Optional.empty(), 10, ALL).nodes())).first().isEqualTo(divisive);
    }

    @ParameterizedTest
    @EnumSource(Sort.class)
    void followingCursorsVisitsEveryTopLevelCommentExactlyOnceInOrder(Sort sort) {
        Random random = new Random(7);
        for (int i = 0; i < 57; i++) {
            add(null, random.nextInt(5), random.nextInt(5), CommentStatus.PUBLISHED);
        }
        var snapshot = snapshot();
        List<String> all = ids(snapshot.topLevel(sort, Optional.empty(), 100, ALL).nodes());

        List<String> walked = new ArrayList<>();
        Optional<String> next = Optional.empty();
        int pages = 0;
        do {
            var slice = snapshot.topLevel(sort, next.map(c -> Cursor.decode(c, 't')), 10, ALL);
            walked.addAll(ids(slice.nodes()));
            next = slice.next();
            pages++;
        } while (next.isPresent());

        assertThat(walked).isEqualTo(all).hasSize(57);
        assertThat(pages).isEqualTo(6);
    }

    @Test
    void commentsArrivingBetweenPagesNeitherRepeatNorPushOthersOut() {
        for (int i = 0; i < 25; i++) {
            add(null);
        }
        var first = snapshot().topLevel(Sort.NEWEST, Optional.empty(), 10, ALL);
        for (int i = 0; i < 3; i++) {
            add(null);
        }
        var second = snapshot().topLevel(Sort.NEWEST, first.next().map(c -> Cursor.decode(c, 't')), 10, ALL);

        Set<String> seen = new HashSet<>(ids(first.nodes()));
        assertThat(ids(second.nodes())).doesNotContainAnyElementsOf(seen).hasSize(10);
        assertThat(rows.get(14).id()).isEqualTo(ids(second.nodes()).getFirst());
    }

    @Test
    void longReplyListsShowAPreviewAndACursorForTheRest() {
        String root = add(null);
        List<String> replies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            replies.add(add(root));
        }
        var snapshot = snapshot();
        ThreadNode top = snapshot.topLevel(Sort.OLDEST, Optional.empty(), 10, new ThreadSnapshot.Preview(3, 5)).nodes().getFirst();

        assertThat(ids(top.replies())).containsExactlyElementsOf(replies.subList(0, 3));
        assertThat(top.comment().replyCount()).isEqualTo(12);
        assertThat(top.moreReplies()).isPresent();

        var parent = snapshot.node(root).orElseThrow();
        var rest = snapshot.replies(parent, Cursor.decode(top.moreReplies().get(), 'r'), 5, ALL);
        assertThat(ids(rest.nodes())).containsExactlyElementsOf(replies.subList(3, 8));
        var last = snapshot.replies(parent, Cursor.decode(rest.next().orElseThrow(), 'r'), 5, ALL);
        assertThat(ids(last.nodes())).containsExactlyElementsOf(replies.subList(8, 12));
        assertThat(last.next()).isEmpty();
    }

    @Test
    void repliesDeeperThanTheInlineLevelsLoadOnDemand() {
        String parent = add(null);
        List<String> chain = new ArrayList<>(List.of(parent));
        for (int i = 0; i < 6; i++) {
            parent = add(parent);
            chain.add(parent);
        }
        var snapshot = snapshot();
        ThreadNode node = snapshot.topLevel(Sort.OLDEST, Optional.empty(), 1, new ThreadSnapshot.Preview(5, 2)).nodes().getFirst();

        ThreadNode deepest = node.replies().getFirst().replies().getFirst();
        assertThat(deepest.comment().id().value()).isEqualTo(chain.get(2));
        assertThat(deepest.replies()).isEmpty();
        assertThat(deepest.moreReplies()).isPresent();
        var more = snapshot.replies(snapshot.node(chain.get(2)).orElseThrow(), Cursor.decode(deepest.moreReplies().get(), 'r'), 5, ALL);
        assertThat(ids(more.nodes())).containsExactly(chain.get(3));
    }

    @Test
    void readersWhoBlockedTheSameCommentersHereShareOneViewAndReadersWithHeldCommentsGetTheirOwn() {
        String troll = "g_00000000000000001";
        String calm = "g_00000000000000002";
        add(troll, null, 0, 0, CommentStatus.PUBLISHED);
        add(calm, null, 0, 0, CommentStatus.PUBLISHED);
        add("g_00000000000000003", null, 0, 0, CommentStatus.PENDING);
        ThreadSnapshot shared = snapshot();

        ThreadSnapshot one = shared.seenThrough(new Lens(Optional.of("g_00000000000000004"), Set.of(troll)));
        ThreadSnapshot two = shared.seenThrough(new Lens(Optional.of("g_00000000000000005"), Set.of(troll, "g_00000000000000007")));
        assertThat(two).as("the same commenters blocked here: one view").isSameAs(one);
        assertThat(one.shared()).isTrue();
        assertThat(ids(one.topLevel(Sort.OLDEST, Optional.empty(), 10, ALL).nodes())).hasSize(1);
        assertThat(shared.seenThrough(new Lens(Optional.of("g_00000000000000006"), Set.of("g_00000000000000007"))))
                .as("blocks of nobody on this page change nothing").isSameAs(shared);

        ThreadSnapshot own = shared.seenThrough(new Lens(Optional.of("g_00000000000000003"), Set.of(troll)));
        assertThat(own.shared()).as("a reader with a held comment sees it, alone").isFalse();
        assertThat(ids(own.topLevel(Sort.OLDEST, Optional.empty(), 10, ALL).nodes())).hasSize(2);
    }
}
