package org.parley.live;

import java.util.function.Consumer;

/**
 * Facts that features announce after they commit, delivered to whoever subscribed. Events are small
 * records carrying ids and versions, never rows, so they can cross nodes (PostgreSQL NOTIFY payloads
 * must stay under 8,000 bytes). Listeners run on the publisher's thread and must return quickly.
 */
public interface EventBus {

    /** Delivers {@code event} to every listener subscribed to its type (or a supertype). */
    void publish(Object event);

    /** Registers {@code listener} for events assignable to {@code type}. */
    <E> void subscribe(Class<E> type, Consumer<? super E> listener);
}
