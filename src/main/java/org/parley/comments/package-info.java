/**
 * Threads: pages, comments, replies, votes, sorting and pagination. Door:
 * {@link org.parley.comments.Comments}. Owns tables {@code pages}, {@code comments}, {@code votes},
 * {@code comment_images}, {@code comment_revisions} (texts authors replaced by editing),
 * {@code page_events} (each page's change log, one row per version) and {@code author_counts} (each
 * commenter's published comments per site, kept by triggers on {@code comments}). New comments and authors' edits
 * alike pass through {@link org.parley.comments.Gate} before they are stored. Reads come from a per-page
 * in-memory read model ({@code ThreadSnapshot}) rebuilt after each change; encoded responses are
 * memoized per snapshot. Publishes {@link org.parley.comments.CommentEvent}s after commit; its live feed
 * turns them into server-sent events per page.
 */
package org.parley.comments;
