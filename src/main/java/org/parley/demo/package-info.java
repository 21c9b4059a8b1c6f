/**
 * The demo newsroom: an article and a thread re-creating the reference thread's situations in Parley's
 * own words ({@code demo/newsroom.json}). Door: {@link org.parley.demo.Demo}, which seeds it through the
 * comments door and serves the article at {@code /demo}. Owns no tables.
 */
package org.parley.demo;
