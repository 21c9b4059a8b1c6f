package org.parley.comments;

import java.util.List;
import java.util.Map;

/**
 * What {@link Comments#importThread} stored: the page, each comment's new id by its ref, and the refs of comments
 * that showed nothing once cleaned (only a script, say), kept as deleted placeholders so their replies keep their
 * place; and the refs of replies stored as top-level comments because the stored parent they named is on another
 * page (an earlier import under another page-key rule).
 */
public record ImportedThread(PageId page, Map<String, CommentId> ids, List<String> emptied, List<String> detached) {

    public ImportedThread {
        ids = Map.copyOf(ids);
        emptied = List.copyOf(emptied);
        detached = List.copyOf(detached);
    }
}
