package org.parley.comments;

/** What screening an imported comment after its import did to it ({@link Comments#screenImported}). */
public enum ScreenedImport {
    /** Nothing to say: it stays as it was. */
    CLEAN,
    /** Still published, and open in the flagged queue with the reasons. */
    FLAGGED,
    /** Out of public view until a moderator decides (only where the site's rules say imported comments may be held). */
    HELD,
    /** Left alone: gone, no longer published, decided by a moderator, or screened before. */
    SKIPPED
}
