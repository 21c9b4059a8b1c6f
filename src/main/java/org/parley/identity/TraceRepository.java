package org.parley.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/** SQL for the {@code reader_traces} table. */
final class TraceRepository {

    /** Records that {@code reader} left {@code trace} at {@code at} (the latest sighting wins). */
    void keep(Handle h, ReaderId reader, String trace, Instant at) {
        h.createUpdate("""
                        INSERT INTO reader_traces (reader_id, trace, seen_at) VALUES (:reader, :trace, :at)
                        ON CONFLICT (reader_id, trace) DO UPDATE SET seen_at = excluded.seen_at""")
                .bind("reader", reader.value())
                .bind("trace", trace)
                .bind("at", at.toEpochMilli())
                .execute();
    }

    /** Traces {@code reader} left since {@code since}. */
    List<String> of(Handle h, ReaderId reader, Instant since) {
        return h.createQuery("SELECT trace FROM reader_traces WHERE reader_id = :reader AND seen_at >= :since")
                .bind("reader", reader.value())
                .bind("since", since.toEpochMilli())
                .mapTo(String.class)
                .list();
    }

    /** Other readers who left any of {@code traces} since {@code since}, each with the first trace found. */
    Map<ReaderId, String> sharing(Handle h, Collection<String> traces, ReaderId except, Instant since) {
        Map<ReaderId, String> out = new LinkedHashMap<>();
        if (traces.isEmpty()) {
            return out;
        }
        h.createQuery("""
                        SELECT reader_id, trace FROM reader_traces
                        WHERE trace IN (<traces>) AND reader_id <> :except AND seen_at >= :since
                        ORDER BY seen_at DESC LIMIT 50""")
                .bindList("traces", List.copyOf(traces))
                .bind("except", except.value())
                .bind("since", since.toEpochMilli())
                .map((rs, ctx) -> Map.entry(new ReaderId(rs.getString(1)), rs.getString(2)))
                .forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        return out;
    }

    int forgetBefore(Handle h, Instant before) {
        return h.createUpdate("DELETE FROM reader_traces WHERE seen_at < :before").bind("before", before.toEpochMilli()).execute();
    }

    void forget(Handle h, ReaderId reader) {
        h.createUpdate("DELETE FROM reader_traces WHERE reader_id = :reader").bind("reader", reader.value()).execute();
    }
}
