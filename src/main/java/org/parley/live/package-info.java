/**
 * Things that happen now. {@link org.parley.live.EventBus} carries facts (ids and versions) from the
 * feature that committed them to listeners; {@link org.parley.live.LiveStreams} holds the server-sent
 * event connections of browsers, grouped by topic. In-process today; the bus is the seam a later issue
 * carries across nodes with PostgreSQL LISTEN/NOTIFY.
 */
package org.parley.live;
