package org.parley.comments;

/**
 * How threads are served.
 *
 * @param pageSizeDefault     top-level comments per page when the client does not say
 * @param repliesPerComment   replies shown under each comment before "more replies"
 * @param inlineReplyLevels   levels of replies nested in one response; deeper ones load on demand
 * @param cachedPages         thread snapshots kept in memory (least recently read evicted)
 */
public record CommentsConfig(int pageSizeDefault, int repliesPerComment, int inlineReplyLevels, int cachedPages) {

    public static final int MAX_PAGE_SIZE = 100;

    public CommentsConfig {
        if (pageSizeDefault < 1 || pageSizeDefault > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("comments.pageSizeDefault must be 1.." + MAX_PAGE_SIZE + ", was " + pageSizeDefault);
        }
        if (repliesPerComment < 1 || repliesPerComment > 50) {
            throw new IllegalArgumentException("comments.repliesPerComment must be 1..50, was " + repliesPerComment);
        }
        if (inlineReplyLevels < 0 || inlineReplyLevels > 20) {
            throw new IllegalArgumentException("comments.inlineReplyLevels must be 0..20, was " + inlineReplyLevels);
        }
        if (cachedPages < 1) {
            throw new IllegalArgumentException("comments.cachedPages must be at least 1, was " + cachedPages);
        }
    }

    public static CommentsConfig defaults() {
        return new CommentsConfig(20, 5, 5, 2_000);
    }
}
