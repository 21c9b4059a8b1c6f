package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Abuse without swear words, and clean sentences that share its words, 30 of each kind, written for
 * these tests (never trained on; the training texts beside them are other sentences). A model is not
 * right on every sentence, so each group has a floor (hostile: flagged at least) or a ceiling (clean:
 * flagged at most), set a little under what model v4 measured (docs/MODEL.md, "Product checks"); a
 * retrained model that gets worse at any kind fails here.
 */
class HardSentencesTest {

    private static Abuse abuse;
    private static Map<String, List<String>> hostile;
    private static Map<String, List<String>> clean;

    @BeforeAll
    static void load() throws IOException {
        abuse = Abuse.create();
        hostile = groups("abuse/hostile-sentences.txt");
        clean = groups("abuse/neutral-hard-sentences.txt");
    }

    @Test
    void threatsDehumanisationAndSlursWithoutSwearWordsAreFlagged() {
        assertThat(hostile.keySet()).containsExactly("threats", "dehumanisation", "slurs");
        assertFlaggedAtLeast("threats", FLOOR_THREATS);
        assertFlaggedAtLeast("dehumanisation", FLOOR_DEHUMANISATION);
        assertFlaggedAtLeast("slurs", FLOOR_SLURS);
    }

    @Test
    void quotedHateIdentityMentionsAndSwearingAtNoOneAreNotFlagged() {
        assertThat(clean.keySet()).containsExactly("quoted and countered", "identity mentions", "profanity at no one");
        assertFlaggedAtMost("quoted and countered", CEILING_QUOTED);
        assertFlaggedAtMost("identity mentions", CEILING_IDENTITY);
        assertFlaggedAtMost("profanity at no one", CEILING_PROFANITY);
    }

    // Model v4 measured 19, 27 and 16 of 30 flagged; 5, 1 and 0 of 30 (the fast model alone: 15, 24, 15; 9, 1, 3).
    private static final int FLOOR_THREATS = 16;
    private static final int FLOOR_DEHUMANISATION = 24;
    private static final int FLOOR_SLURS = 13;
    private static final int CEILING_QUOTED = 7;
    private static final int CEILING_IDENTITY = 3;
    private static final int CEILING_PROFANITY = 2;

    private static void assertFlaggedAtLeast(String group, int floor) {
        List<String> sentences = hostile.get(group);
        assertThat(sentences).hasSize(30);
        assertThat(flagged(group, sentences)).as("%s flagged, of 30", group).isGreaterThanOrEqualTo(floor);
    }

    private static void assertFlaggedAtMost(String group, int ceiling) {
        List<String> sentences = clean.get(group);
        assertThat(sentences).hasSize(30);
        assertThat(flagged(group, sentences)).as("%s flagged, of 30", group).isLessThanOrEqualTo(ceiling);
    }

    private static long flagged(String group, List<String> sentences) {
        long count = sentences.stream().filter(s -> abuse.assess(s).probability() >= AbuseThresholds.DEFAULT_FLAG).count();
        System.out.printf(Locale.ROOT, "%s: %d of %d flagged%n", group, count, sentences.size());
        return count;
    }

    /** Sentences under their {@code # group} headings; comment lines before the first heading are left out. */
    private static Map<String, List<String>> groups(String resource) throws IOException {
        try (InputStream in = HardSentencesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            Map<String, List<String>> groups = new LinkedHashMap<>();
            List<String> current = null;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList()) {
                if (line.startsWith("# ") && line.length() < 30) {
                    current = groups.computeIfAbsent(line.substring(2).strip(), k -> new ArrayList<>());
                } else if (!line.isBlank() && !line.startsWith("#") && current != null) {
                    current.add(line.strip());
                }
            }
            return groups;
        }
    }

    @AfterAll
    static void closeModel() {
        abuse.close();
    }
}
