package org.parley.live;

import java.util.function.Consumer;
import org.parley.store.Database;

/**
 * Facts that features announce after they commit, delivered to whoever subscribed. Events are small
 * records carrying ids and versions, never rows, so they can cross nodes (PostgreSQL NOTIFY payloads
 * must stay under 8,000 bytes). Listeners run on the publisher's thread and must return quickly.
 */
public interface EventBus extends AutoCloseable {

    /**
     * The bus for a process on {@code db}: nodes sharing a PostgreSQL database tell each other what
     * changed ({@link ClusterEventBus}); one process on SQLite has no one else to tell.
     */
    static EventBus create(Database db) {
        return db.notifications().<EventBus>map(ClusterEventBus::new).orElseGet(InProcessEventBus::new);
    }

    /** Delivers {@code event} to every listener subscribed to its type (or a supertype). */
    void publish(Object event);

    /** Registers {@code listener} for events assignable to {@code type}. */
    <E> void subscribe(Class<E> type, Consumer<? super E> listener);

    /**
     * Says that the records of the sealed {@code family} are facts other nodes need too: they are delivered
     * to those nodes' listeners as well (their names must be unique among shared events).
     */
    void share(Class<?> family);

    /** Stops sending events to other nodes; events published after this stay on this node. */
    @Override
    default void close() {
    }
}
