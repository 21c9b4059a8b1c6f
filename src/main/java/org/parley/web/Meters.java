package org.parley.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.parley.comments.CommentActivity;
import org.parley.comments.Comments;
import org.parley.live.ClusterEventBus;
import org.parley.live.EventBus;
import org.parley.live.LiveStreams;
import org.parley.moderation.Moderation;
import org.parley.store.Database;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything Parley measures, in one Micrometer registry of its own (never Micrometer's global one), which
 * {@code GET /metrics} writes out in Prometheus' text format ({@link MetricsRoutes}).
 * <p>
 * Features keep plain counts behind their doors ({@link Comments#activity}, {@link Moderation#reportsReceived},
 * {@link LiveStreams}, {@link ClusterEventBus}) and know nothing of Micrometer: the counts are read here
 * when Prometheus scrapes, so counting costs a request one {@code LongAdder} increment. The store reports
 * its pools and caches itself ({@link Database#bindTo}), requests are timed by {@link RequestTimers}, and
 * Micrometer's own binders describe the JVM and the process. Thread-safe; closed with Parley.
 */
final class Meters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Meters.class);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RequestTimers requests = new RequestTimers(registry);
    /** Binders that hold listeners or threads until closed. */
    private final List<AutoCloseable> closeable = new ArrayList<>();

    private Meters() {
        JvmGcMetrics gc = new JvmGcMetrics();
        closeable.add(gc);
        for (MeterBinder binder : List.of(new JvmMemoryMetrics(), gc, new JvmThreadMetrics(), new ClassLoaderMetrics(),
                new JvmInfoMetrics(), new ProcessorMetrics(), new UptimeMetrics(), new FileDescriptorMetrics())) {
            binder.bindTo(registry);
        }
    }

    /** The meters of one Parley: JVM and process, then the store, the live streams and the features' counts. */
    static Meters of(Database db, EventBus bus, LiveStreams streams, Comments comments, Moderation moderation) {
        Meters meters = new Meters();
        db.bindTo(meters.registry);
        meters.live(streams, bus, db);
        meters.features(comments, moderation);
        return meters;
    }

    private void features(Comments comments, Moderation moderation) {
        Map.<String, ToDoubleFunction<CommentActivity>>of("published", CommentActivity::published,
                "held", CommentActivity::held, "rejected", CommentActivity::rejected).forEach((outcome, value) ->
                count("parley.comments.posted", "Comments posted, by what screening made of them", comments,
                        c -> value.applyAsDouble(c.activity()), "outcome", outcome));
        count("parley.comments.edited", "Authors' edits that went through", comments, c -> c.activity().edits());
        count("parley.votes", "Votes set on comments, withdrawals included", comments, c -> c.activity().votes());
        count("parley.reports", "Readers' reports of comments accepted", moderation, Moderation::reportsReceived);
    }

    private void live(LiveStreams streams, EventBus bus, Database db) {
        Gauge.builder("parley.live.clients", streams, LiveStreams::clientCount)
                .description("Live streams (readers following a page) connected to this node").register(registry);
        count("parley.live.messages", "Live messages broadcast to the readers of a page", streams, LiveStreams::messagesBroadcast);
        count("parley.live.overflows", "Live readers dropped for falling a whole queue behind (they reconnect)", streams,
                LiveStreams::clientsOverflowed);
        // Only nodes sharing PostgreSQL tell each other what changed; one process on SQLite has no one to tell.
        if (bus instanceof ClusterEventBus cluster) {
            count("parley.cluster.events.sent", "Events signalled to the other nodes", cluster, ClusterEventBus::eventsSent);
            count("parley.cluster.events.failed", "Events that could not be signalled to the other nodes", cluster,
                    ClusterEventBus::eventsFailed);
            count("parley.cluster.events.received", "Events received from the other nodes", cluster, ClusterEventBus::eventsReceived);
        }
        db.notifications().ifPresent(signals -> Gauge.builder("parley.cluster.listener.connected", signals,
                        s -> s.connected() ? 1 : 0)
                .description("1 while this node listens to the other nodes' signals, else 0").register(registry));
    }

    private <T> void count(String name, String description, T source, ToDoubleFunction<T> value, String... tags) {
        FunctionCounter.builder(name, source, value).description(description).tags(tags).register(registry);
    }

    /** Times each request, for the access log filter. */
    RequestTimers requests() {
        return requests;
    }

    /** Every meter, in Prometheus' text exposition format (version 0.0.4). */
    byte[] scrape() {
        return registry.scrape().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        for (AutoCloseable binder : closeable) {
            try {
                binder.close();
            } catch (Exception e) {
                LOG.warn("closing a metrics binder failed: {}", e.toString());
            }
        }
        registry.close();
    }
}
