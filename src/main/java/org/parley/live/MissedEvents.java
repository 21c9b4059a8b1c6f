package org.parley.live;

/**
 * Published on this node when it may have missed other nodes' events (its connection to them broke and is
 * back): listeners that keep something up to date from events catch up from where the facts are stored.
 */
public record MissedEvents() {
}
