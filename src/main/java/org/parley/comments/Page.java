package org.parley.comments;

import java.time.Instant;
import java.util.Optional;

/**
 * A page of a site that carries a thread: an article, with what the host site told Parley about it.
 *
 * @param commentCount published comments, deleted ones not counted
 * @param version      grows with every change to the thread; 0 for a page nobody has written to yet
 */
public record Page(
        PageKey key,
        Optional<String> title,
        Optional<String> url,
        Optional<String> byline,
        Optional<String> section,
        Optional<Instant> publishedAt,
        boolean open,
        int commentCount,
        long version) {

    /** How an unknown page looks: open, empty, version 0. Pages come into being with their first comment. */
    static Page unknown(PageKey key) {
        return new Page(key, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), true, 0, 0);
    }
}
