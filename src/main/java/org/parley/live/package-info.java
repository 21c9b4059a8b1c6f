/**
 * Things that happen now. {@link org.parley.live.EventBus} carries facts (ids and versions) from the
 * feature that committed them to listeners; {@link org.parley.live.LiveStreams} holds the server-sent
 * event connections of browsers, grouped by topic. One process uses {@link org.parley.live.InProcessEventBus};
 * nodes sharing a PostgreSQL database use {@link org.parley.live.ClusterEventBus}, which also carries
 * shared events to the other nodes over LISTEN/NOTIFY.
 */
package org.parley.live;
