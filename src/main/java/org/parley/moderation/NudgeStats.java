package org.parley.moderation;

/**
 * How writers answered the pre-submit nudge: how often it was shown, and how often they then edited
 * their comment or posted it anyway (the rest gave up or have not decided).
 */
public record NudgeStats(int shown, int edited, int postedAnyway) {

    /** Share of nudges after which the writer edited, 0–100; 0 when none were shown. */
    public int editedPercent() {
        return shown == 0 ? 0 : (int) Math.round(100.0 * edited / shown);
    }
}
