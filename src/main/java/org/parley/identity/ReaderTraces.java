package org.parley.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.parley.http.ClientAddress;
import org.parley.store.Database;

/**
 * Where readers wrote from, as keyed hashes kept for {@link IdentityConfig#traceFor()} (zero: none kept): a household
 * network, or a browser (a guest is its own; an account, each guest it signed in from). Two readers who share one may
 * be one person, which is what ban evasion asks. Thread-safe.
 */
final class ReaderTraces {

    private final Database db;
    private final Clock clock;
    private final Duration keptFor;
    private final NetworkPseudonyms keys;
    private final TraceRepository repository = new TraceRepository();
    /**
     * Traces this node wrote in the last hour: a reader posting again from the same place writes no row (a sighting an
     * hour late changes nothing a moderator sees). Not shared between nodes: at worst each writes once an hour.
     */
    private final Cache<String, Boolean> recent = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(Duration.ofHours(1)).build();

    ReaderTraces(Database db, Clock clock, Duration keptFor, NetworkPseudonyms keys) {
        this.db = db;
        this.clock = clock;
        this.keptFor = keptFor;
        this.keys = keys;
    }

    List<Trace> of(ReaderId reader, String clientAddress, Instant at) {
        if (keptFor.isZero()) {
            return List.of(); // traces are off
        }
        List<Trace> found = new ArrayList<>();
        found.add(new Trace(Trace.Kind.NETWORK, Trace.Kind.NETWORK.prefix() + keys.of(ClientAddress.household(clientAddress))));
        if (reader.isGuest()) {
            found.add(browser(reader));
        } else {
            db.read(h -> repository.of(h, reader, at.minus(keptFor))).stream().map(Trace::stored)
                    .filter(trace -> trace.kind() == Trace.Kind.BROWSER).forEach(found::add);
        }
        return List.copyOf(found);
    }

    Trace browser(ReaderId guest) {
        return new Trace(Trace.Kind.BROWSER, Trace.Kind.BROWSER.prefix() + keys.of("browser " + guest.value()));
    }

    void keep(ReaderId reader, List<Trace> seen, Instant at) {
        List<String> fresh = seen.stream().map(trace -> reader.value() + " " + trace.key())
                .filter(key -> recent.getIfPresent(key) == null).toList();
        if (fresh.isEmpty()) {
            return;
        }
        db.write(h -> {
            fresh.forEach(key -> repository.keep(h, reader, key.substring(key.indexOf(' ') + 1), at));
            db.afterCommit(() -> fresh.forEach(key -> recent.put(key, Boolean.TRUE)));
            return null;
        });
    }

    Map<ReaderId, Trace> sharing(ReaderId reader, List<Trace> seen, Instant at) {
        Map<ReaderId, Trace> out = new LinkedHashMap<>();
        // Browsers first and apart: on a busy shared network, matches of the network alone must not crowd them out.
        for (Trace.Kind kind : List.of(Trace.Kind.BROWSER, Trace.Kind.NETWORK)) {
            List<String> wanted = seen.stream().filter(t -> t.kind() == kind).map(Trace::key).toList();
            db.read(h -> repository.sharing(h, wanted, reader, at.minus(keptFor)))
                    .forEach((other, key) -> out.putIfAbsent(other, Trace.stored(key)));
        }
        return out;
    }

    int forgetOld() {
        return db.write(h -> repository.forgetBefore(h, clock.instant().minus(keptFor)));
    }

    void forget(Handle h, ReaderId reader) {
        repository.forget(h, reader);
    }
}
