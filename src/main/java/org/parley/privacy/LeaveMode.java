package org.parley.privacy;

/** What happens to a leaving reader's comments. */
public enum LeaveMode {
    /** Each is deleted as its author would delete it: replies keep their place under a "deleted" placeholder. */
    REMOVE,
    /** Each stays in its thread, signed "deleted user" by an id that links to no one. */
    KEEP
}
