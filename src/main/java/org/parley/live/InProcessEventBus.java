package org.parley.live;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event bus of a single Parley process. A failing listener is logged and skipped: the write that
 * published the event has already committed and must not be reported as failed.
 */
public final class InProcessEventBus implements EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessEventBus.class);

    private record Subscription<E>(Class<E> type, Consumer<? super E> listener) {
        void deliver(Object event) {
            if (type.isInstance(event)) {
                listener.accept(type.cast(event));
            }
        }
    }

    private final List<Subscription<?>> subscriptions = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Object event) {
        for (Subscription<?> subscription : subscriptions) {
            try {
                subscription.deliver(event);
            } catch (RuntimeException e) {
                LOG.error("listener for {} failed on {}", subscription.type().getSimpleName(), event, e);
            }
        }
    }

    /** One process has no other node to tell. */
    @Override
    public void share(Class<?> family) {
    }

    @Override
    public <E> void subscribe(Class<E> type, Consumer<? super E> listener) {
        subscriptions.add(new Subscription<>(type, listener));
    }
}
