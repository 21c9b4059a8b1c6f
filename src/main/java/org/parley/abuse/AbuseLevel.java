package org.parley.abuse;

/** What a site's {@link AbuseThresholds} make of a probability, from harmless to held. */
public enum AbuseLevel {
    /** Below the low line: nothing to see. */
    NONE,
    /** A weak signal: may be shown to moderators, never acted on alone. */
    LOW,
    /** Goes to the flagged queue with its explanation; stays published. */
    FLAG,
    /** Held for pre-moderation: not shown until a moderator approves it. */
    HOLD
}
