package org.parley.comments;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import org.parley.http.ParleyException;
import org.parley.identity.ReaderId;
import org.parley.live.LiveMessage;
import org.parley.live.LiveStreams;
import org.parley.sites.SiteId;
import org.parley.store.Database;

/**
 * Turns a page's change log into live messages. On each {@link CommentEvent} it reads the log from the
 * last version it broadcast, renders the entries against the current read model and broadcasts them
 * in version order, so clients get every change once and in order even when events arrive out of order
 * or from another node. A reconnecting client is replayed the entries after its {@code Last-Event-ID}, on
 * whichever node it reaches: the log is stored, and versions are the page's, not a node's.
 */
final class LiveFeed {

    /** Beyond this many missed changes a client is told to reload instead of being replayed. */
    static final int MAX_REPLAY = 500;
    private static final int MAX_TOPICS = 100_000;
    /** What a refused live reader is told to wait before it retries ({@code Retry-After}). */
    static final long FULL_RETRY_SECONDS = 30;

    private static final class Progress {
        final ReentrantLock lock = new ReentrantLock();
        long sent = -1;
    }

    private final Database db;
    private final PageRepository pages;
    private final ThreadReadModel readModel;
    private final LiveStreams streams;
    private final Map<PageId, Progress> progress = new ConcurrentHashMap<>();
    private final Map<PageId, String> topics = new ConcurrentHashMap<>();

    LiveFeed(Database db, PageRepository pages, ThreadReadModel readModel, LiveStreams streams) {
        this.db = db;
        this.pages = pages;
        this.readModel = readModel;
        this.streams = streams;
    }

    static String topic(SiteId site, PageKey key) {
        return site.value() + '\n' + key.value();
    }

    /**
     * Bus listener: broadcasts the page's new changes on a virtual thread, off the writer's path. Pages
     * nobody follows cost one map lookup (and one query the first time a page is seen).
     */
    void changed(CommentEvent event) {
        if (topics.size() > MAX_TOPICS) {
            topics.clear();
        }
        String topic = topics.computeIfAbsent(event.pageId(), id -> db.read(h -> pages.find(h, id))
                .map(row -> topic(row.siteId(), row.page().key()))
                .orElse(""));
        if (streams.hasClients(topic)) {
            Thread.ofVirtual().name("live-" + event.pageId()).start(() -> pump(event.pageId(), event.version(), topic));
        }
    }

    /**
     * Bus listener for {@link org.parley.live.MissedEvents}: other nodes' events may have been lost, so
     * every page this node's clients follow is brought up to its stored version.
     */
    void catchUp() {
        topics.forEach((id, topic) -> {
            if (streams.hasClients(topic)) {
                db.read(h -> pages.version(h, id)).ifPresent(version -> pump(id, version, topic));
            }
        });
    }

    /** Remembers a followed page, and where its first client started, so a catch-up knows what to send. */
    private void follow(PageId id, String topic, long from) {
        topics.put(id, topic);
        Progress state = progress.computeIfAbsent(id, page -> new Progress());
        state.lock.lock();
        try {
            if (state.sent < 0) {
                state.sent = from;
            }
        } finally {
            state.lock.unlock();
        }
    }

    /** Refuses a new live reader with a 503 while this node holds as many as it can (heap or open files). */
    void refuseIfFull() {
        if (streams.full()) {
            throw new ParleyException.Unavailable(CommentProblem.LIVE_FULL, "This server already holds as many live readers as its "
                    + "memory allows; the page still works, and live updates resume when the stream is retried.", FULL_RETRY_SECONDS);
        }
    }

    /**
     * Serves one SSE client of a page until it leaves; replays what it missed after {@code lastSeen}.
     * Comments by the {@code hidden} commenters (the reader's blocks) are never sent to it.
     */
    void serve(SiteId site, PageKey key, Optional<Long> lastSeen, Set<ReaderId> hidden, OutputStream body) {
        String topic = topic(site, key);
        Optional<ThreadSnapshot> start = readModel.snapshot(site, key);
        long from = lastSeen.orElse(start.map(ThreadSnapshot::version).orElse(0L));
        start.ifPresent(snapshot -> follow(snapshot.page().id(), topic, from));
        Set<String> blocked = hidden.stream().map(ReaderId::value).collect(Collectors.toSet());
        streams.serve(topic, body, from, seen -> readModel.snapshot(site, key)
                .map(snapshot -> replay(snapshot, seen))
                .orElse(List.of()), message -> message.subject().map(author -> !blocked.contains(author)).orElse(true));
    }

    private void pump(PageId page, long version, String topic) {
        Progress state = progress.computeIfAbsent(page, id -> new Progress());
        state.lock.lock();
        try {
            if (state.sent < 0) {
                state.sent = version - 1;
            }
            if (version <= state.sent || !streams.hasClients(topic)) {
                state.sent = Math.max(state.sent, version);
                return;
            }
            List<LiveMessage> messages = replay(readModel.snapshot(page, version), state.sent);
            if (!messages.isEmpty()) {
                state.sent = messages.getLast().sequence();
            }
            // Queued under the lock: a client skips what is older than what it was sent, so a later change
            // queued ahead of an earlier one (two pumps racing to broadcast) would lose the earlier one.
            messages.forEach(message -> streams.broadcast(topic, message));
        } finally {
            state.lock.unlock();
        }
    }

    private List<LiveMessage> replay(ThreadSnapshot snapshot, long after) {
        if (after >= snapshot.version()) {
            // Nothing missed costs no query: a new reader follows the page before it asks, and later changes
            // reach it live, each broadcast only once the snapshot holds it.
            return List.of();
        }
        PageId id = snapshot.page().id();
        List<PageRepository.PageEvent> entries = db.read(h -> pages.eventsAfter(h, id, after, MAX_REPLAY + 1));
        if (entries.size() > MAX_REPLAY) {
            return List.of(new LiveMessage(snapshot.version(), "reset", "{\"reason\":\"too many changes missed\"}"));
        }
        if (!entries.isEmpty() && entries.getLast().version() > snapshot.version()) {
            snapshot = readModel.snapshot(id, entries.getLast().version());
        }
        List<LiveMessage> out = new ArrayList<>(entries.size());
        for (PageRepository.PageEvent entry : entries) {
            render(snapshot, entry).ifPresent(out::add);
        }
        return out;
    }

    /**
     * One logged change as every reader sees it. Changes to comments the public does not see (held,
     * rejected) send nothing; a comment that left the public view sends "deleted" (with why: deleted,
     * rejected, or pending when an edit sent it back to a moderator), and one that entered it "posted".
     */
    private static Optional<LiveMessage> render(ThreadSnapshot snapshot, PageRepository.PageEvent entry) {
        long seq = entry.version();
        if (entry.kind().equals("page")) {
            return Optional.of(message(seq, "page", ThreadJson.page(snapshot.page().page())));
        }
        CommentId id = new CommentId(entry.commentId());
        Optional<ThreadSnapshot.Node> node = snapshot.node(id.value());
        boolean shown = node.map(n -> n.comment.status() == CommentStatus.PUBLISHED).orElse(false);
        return switch (entry.kind()) {
            case "posted", "approved", "released" -> shown
                    ? Optional.of(message(seq, "posted", ThreadJson.comment(node.get().comment, Optional.empty()), author(node.get())))
                    : Optional.empty();
            case "edited", "featured", "image-removed" -> shown
                    ? Optional.of(message(seq, "edited", ThreadJson.comment(node.get().comment, Optional.empty()), author(node.get())))
                    : Optional.empty();
            case "deleted", "rejected", "held" -> Optional.of(message(seq, "deleted", ThreadJson.removed(id, node.isPresent(),
                    switch (entry.kind()) {
                        case "deleted" -> CommentStatus.DELETED;
                        case "held" -> CommentStatus.PENDING;
                        default -> CommentStatus.REJECTED;
                    })));
            case "voted" -> node.filter(n -> shown).map(n -> message(seq, "voted",
                    ThreadJson.votes(id, n.row.up(), n.row.down(), Optional.empty()), author(n)));
            default -> Optional.empty();
        };
    }

    private static Optional<String> author(ThreadSnapshot.Node node) {
        return Optional.of(node.row.authorId());
    }

    private static LiveMessage message(long sequence, String event, byte[] json) {
        return message(sequence, event, json, Optional.empty());
    }

    private static LiveMessage message(long sequence, String event, byte[] json, Optional<String> author) {
        return new LiveMessage(sequence, event, new String(json, StandardCharsets.UTF_8), author);
    }
}
