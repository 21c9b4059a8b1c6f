package org.parley.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.testing.MutableClock;

/**
 * The outbox and delivery log on a real database: one message per endpoint and event however many nodes
 * write it, exclusive leases, each message sent once by two senders on one database, retries with the
 * same id and then failure, the log and its pruning, and the address check before each attempt.
 */
abstract class WebhookStoreContract {

    static final SiteId SITE = new SiteId("herald");
    static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes());

    final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    final EndpointRepository endpoints = new EndpointRepository();
    final MessageRepository messages = new MessageRepository();
    final List<Dispatcher> dispatchers = new ArrayList<>();
    Receiver receiver;

    /** The database under test. */
    abstract Database db();

    /** Another process's connection to the same database (the same one where a database has one process). */
    abstract Database otherNode();

    @BeforeEach
    void startReceiver() {
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        dispatchers.forEach(Dispatcher::close);
        receiver.close();
    }

    @Test
    void anEventBecomesOneMessagePerEndpointWhicheverNodeWritesIt() {
        String first = endpoint("/a").endpoint().id();
        String second = endpoint("/b").endpoint().id();

        assertThat(insert(db(), first, "comment.created:c_1")).isTrue();
        assertThat(insert(otherNode(), first, "comment.created:c_1")).as("the same event from another node").isFalse();
        assertThat(insert(otherNode(), second, "comment.created:c_1")).as("another endpoint").isTrue();
        assertThat(insert(db(), first, "comment.published:c_1:posted")).as("another event").isTrue();
    }

    @Test
    void aReaderWhoLeavesTakesTheMessagesNamingThemAndOnlyThose() {
        String endpoint = endpoint("/a").endpoint().id();
        Instant now = clock.instant();
        Message about = new Message("msg_about", endpoint, EventType.COMMENT_CREATED,
                "{\"data\":{\"author\":{\"id\":\"a_0000000000000abcd\",\"name\":\"Ann\"}}}", now, 0);
        Message lookalike = new Message("msg_other", endpoint, EventType.COMMENT_CREATED,
                "{\"data\":{\"author\":{\"id\":\"aX0000000000000abcd\",\"name\":\"Bo\"}}}", now, 0);
        db().write(h -> messages.insertIfAbsent(h, about, "about") && messages.insertIfAbsent(h, lookalike, "other"));

        int forgotten = db().write(h -> messages.forgetReader(h, "a_0000000000000abcd"));
        assertThat(forgotten).isEqualTo(1);
        assertThat(find("msg_about")).isEmpty();
        assertThat(find("msg_other")).as("'_' is not a wildcard here").isPresent();
    }

    @Test
    void aLeasedMessageBelongsToOneSenderUntilItsLeaseRunsOut() {
        String id = message(endpoint("/a").endpoint().id(), "k").id();
        Instant now = clock.instant();

        assertThat(claim(db(), id, "node-a", now)).isPresent();
        assertThat(claim(otherNode(), id, "node-b", now)).as("leased to node-a").isEmpty();
        List<String> due = db().read(h -> messages.due(h, now, 10));
        assertThat(due).as("a leased message is not due").isEmpty();
        assertThat(claim(otherNode(), id, "node-b", now.plusSeconds(31))).as("node-a's lease ran out: it died").isPresent();
    }

    @Test
    void twoSendersOnOneDatabaseSendEachMessageExactlyOnce() throws Exception {
        String endpoint = endpoint("/hook").endpoint().id();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ids.add(message(endpoint, "event-" + i).id());
        }
        Dispatcher here = dispatcher(db(), true, 3);
        Dispatcher there = dispatcher(otherNode(), true, 3);
        try (ExecutorService nodes = Executors.newFixedThreadPool(2)) {
            List<Future<Integer>> sent = nodes.invokeAll(List.<Callable<Integer>>of(here::deliverDue, there::deliverDue));
            int total = 0;
            for (Future<Integer> each : sent) {
                total += each.get();
            }
            assertThat(total).as("messages the two senders claimed").isEqualTo(40);
        }

        Map<String, Long> perId = receiver.received().stream().collect(Collectors.groupingBy(Receiver.Received::id, Collectors.counting()));
        assertThat(perId.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(perId.values()).as("times each message arrived").containsOnly(1L);
        assertThat(receiver.received()).allSatisfy(r -> assertThat(SignatureCheck.valid(SECRET, r.id(), r.timestamp(), r.body(),
                r.signature(), clock.instant().getEpochSecond())).as("signature of %s", r.id()).isTrue());
        assertThat(here.deliverDue() + there.deliverDue()).as("nothing left to send").isZero();
    }

    @Test
    void aFailingEndpointGetsTheSameMessageAgainLaterUntilTheLastAttempt() {
        String endpoint = endpoint("/flaky").endpoint().id();
        String id = message(endpoint, "k").id();
        receiver.answerNext(500, 503, 502);
        Dispatcher sender = dispatcher(db(), true, 3);

        assertThat(sender.deliverDue()).isEqualTo(1);
        Delivery first = log(endpoint).getFirst();
        assertThat(first.statusCode()).hasValue(500);
        assertThat(first.error()).hasValue("HTTP 500");
        assertThat(first.nextAttemptAt()).hasValueSatisfying(next -> assertThat(Duration.between(first.at(), next))
                .isBetween(Duration.ofMillis(4_500), Duration.ofMillis(5_500)));
        assertThat(sender.deliverDue()).as("not due yet").isZero();

        clock.advance(Duration.ofSeconds(6));
        assertThat(sender.deliverDue()).isEqualTo(1);
        clock.advance(Duration.ofMinutes(6));
        assertThat(sender.deliverDue()).isEqualTo(1);
        clock.advance(Duration.ofDays(1));
        assertThat(sender.deliverDue()).as("given up after 3 attempts").isZero();

        assertThat(receiver.received()).extracting(Receiver.Received::id).containsExactly(id, id, id);
        assertThat(log(endpoint)).extracting(Delivery::attempt).containsExactly(3, 2, 1);
        assertThat(log(endpoint).getFirst().nextAttemptAt()).as("no attempt after the last").isEmpty();
        assertThat(find(id)).hasValueSatisfying(m -> assertThat(m.attempts()).isEqualTo(3));
    }

    @Test
    void aMessageThatFailedOnceIsDeliveredOnItsNextAttempt() {
        String endpoint = endpoint("/blip").endpoint().id();
        message(endpoint, "k");
        receiver.answerNext(500);
        Dispatcher sender = dispatcher(db(), true, 8);

        sender.deliverDue();
        clock.advance(Duration.ofSeconds(6));
        sender.deliverDue();
        clock.advance(Duration.ofDays(1));

        assertThat(sender.deliverDue()).as("delivered: never sent again").isZero();
        assertThat(log(endpoint)).extracting(Delivery::delivered).containsExactly(true, false);
        assertThat(log(endpoint).getFirst().nextAttemptAt()).isEmpty();
    }

    @Test
    void theLogForgetsAttemptsAndFinishedMessagesOlderThanItKeeps() {
        String endpoint = endpoint("/a").endpoint().id();
        String old = message(endpoint, "old").id();
        Dispatcher sender = dispatcher(db(), true, 3);
        sender.deliverDue();
        clock.advance(Duration.ofDays(31));
        message(endpoint, "new");
        sender.deliverDue();

        int pruned = db().write(h -> messages.prune(h, clock.instant().minus(Duration.ofDays(30))));

        assertThat(pruned).isEqualTo(1);
        assertThat(log(endpoint)).hasSize(1).allSatisfy(d -> assertThat(d.messageId()).isNotEqualTo(old));
        assertThat(find(old)).isEmpty();
    }

    @Test
    void aSenderThatRefusesPrivateAddressesChecksAgainBeforeSending() {
        // Saved while private targets were allowed (or while its name pointed elsewhere): refused when it is time to send.
        String endpoint = endpoint("/internal").endpoint().id();
        message(endpoint, "k");

        dispatcher(db(), false, 1).deliverDue();

        assertThat(receiver.received()).isEmpty();
        Delivery refused = log(endpoint).getFirst();
        assertThat(refused.statusCode()).isEmpty();
        assertThat(refused.error()).hasValueSatisfying(error -> assertThat(error).startsWith("refused: ").contains("127.0.0.1"));
    }

    @Test
    void aRedirectIsNotFollowedAndCountsAsAFailure() {
        String endpoint = endpoint("/moved").endpoint().id();
        message(endpoint, "k");
        receiver.answerNext(307);

        dispatcher(db(), true, 3).deliverDue();

        assertThat(receiver.received()).extracting(Receiver.Received::path).containsExactly("/moved");
        Delivery moved = log(endpoint).getFirst();
        assertThat(moved.statusCode()).hasValue(307);
        assertThat(moved.delivered()).isFalse();
        assertThat(moved.error()).hasValue("redirect to " + receiver.url("/elsewhere") + " not followed");
        assertThat(moved.nextAttemptAt()).as("tried again later, at the same URL").isPresent();
    }

    @Test
    void aDisabledEndpointIsNotSentWhatWasWaitingForIt() {
        String endpoint = endpoint("/off").endpoint().id();
        message(endpoint, "k");
        db().write(h -> {
            endpoints.setEnabled(h, endpoint, false);
            return null;
        });

        dispatcher(db(), true, 3).deliverDue();

        assertThat(receiver.received()).isEmpty();
        assertThat(log(endpoint).getFirst().error()).hasValue("the endpoint was disabled before delivery");
        assertThat(log(endpoint).getFirst().nextAttemptAt()).isEmpty();
    }

    // ---- helpers -----------------------------------------------------------------------------------

    EndpointRow endpoint(String path) {
        Instant now = clock.instant();
        Endpoint endpoint = new Endpoint(db().ids().next("wh", now.toEpochMilli()), SITE, URI.create(receiver.url(path)), "test",
                EnumSet.of(EventType.COMMENT_CREATED), true, now, "ed");
        EndpointRow row = new EndpointRow(endpoint, List.of(SECRET), Instant.EPOCH);
        db().write(h -> {
            endpoints.insert(h, row);
            return null;
        });
        return row;
    }

    Message message(String endpointId, String key) {
        Message message = newMessage(db(), endpointId);
        boolean added = db().write(h -> messages.insertIfAbsent(h, message, key));
        assertThat(added).isTrue();
        return message;
    }

    Optional<Message> claim(Database on, String id, String holder, Instant now) {
        return on.write(h -> messages.claim(h, id, holder, now, now.plusSeconds(30)));
    }

    Optional<Message> find(String id) {
        return db().read(h -> messages.find(h, id));
    }

    boolean insert(Database on, String endpointId, String key) {
        Message message = newMessage(on, endpointId);
        return on.write(h -> messages.insertIfAbsent(h, message, key));
    }

    Message newMessage(Database on, String endpointId) {
        Instant now = clock.instant();
        return new Message(on.ids().next("msg", now.toEpochMilli()), endpointId, EventType.COMMENT_CREATED,
                "{\"type\":\"comment.created\",\"timestamp\":\"" + now + "\",\"data\":{}}", now, 0);
    }

    List<Delivery> log(String endpointId) {
        return db().read(h -> messages.attempts(h, SITE, Optional.of(endpointId), 50));
    }

    Dispatcher dispatcher(Database on, boolean allowPrivate, int maxAttempts) {
        Dispatcher dispatcher = new Dispatcher(on, clock, endpoints, messages, new Signer(), new TargetGuard(allowPrivate),
                new Courier(Duration.ofSeconds(5)), new Backoff(maxAttempts, new Random(7)), Duration.ofSeconds(5));
        dispatchers.add(dispatcher);
        return dispatcher;
    }

}
