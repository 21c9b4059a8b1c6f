package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hashed features: counts match what is extracted, and pairs and negation change the keys. */
class FeaturesTest {

    private final Normalizer normalizer = new Normalizer();
    private final Features features = new Features(16, 2, 5, true, 1, 50, 100, 4, 3, List.of("muslim", "jews"));
    private final Features plain = new Features(16, 2, 5, true, 1, 50, 100, 0, 0, List.of("muslim", "jews"));

    private List<int[]> extract(Features f, String text) {
        Normalized normalized = normalizer.normalize(text);
        List<int[]> out = new ArrayList<>();
        f.extract(normalized, f.tokens(normalized), (key, group, start, end) -> out.add(new int[] {key, group, start, end}));
        return out;
    }

    @Test
    void theCountsUsedForScalingAreExactlyTheFeaturesExtracted() {
        for (String text : List.of("", "you", "Shouting your lies louder won't make them true.",
                "these people never listen, typical of them", "I am a Muslim and my neighbours are Jews",
                "Nobody in the office is lazy; they are tired. You know that.", "a".repeat(60) + " you " + "b".repeat(3))) {
            Normalized normalized = normalizer.normalize(text);
            Tokens tokens = features.tokens(normalized);
            int[] counts = features.counts(tokens);
            List<int[]> extracted = extract(features, text);
            assertThat(extracted.stream().filter(f -> f[1] == Features.WORDS).count()).as("words of '%s'", text).isEqualTo(counts[0]);
            assertThat(extracted.stream().filter(f -> f[1] == Features.CHARS).count()).as("chars of '%s'", text).isEqualTo(counts[1]);
        }
    }

    private static final String PARAGRAPHS = "Come on now! The report says the bridge will reopen in May, but the "
            + "contractor has missed every date so far and nobody at the council will say why. Fine. "
            + "You are a pathetic liar and everyone here knows it. I went to the meeting.\n\n"
            + "The engineers were patient and knew their numbers, though the school on Mill Lane got no answer at all.";

    @Test
    void passagesAreRunsOfWholeSentencesOfAtLeastFifteenWordsOneFromEverySentence() {
        Tokens tokens = features.tokens(normalizer.normalize(PARAGRAPHS));
        Passages passages = Passages.of(tokens);
        int[] starts = passages.sentenceStarts();
        assertThat(starts.length - 1).as("sentences").isEqualTo(6);
        assertThat(passages.count()).as("passages").isGreaterThan(1);
        boolean[] covered = new boolean[starts.length - 1];
        for (int p = 0; p < passages.count(); p++) {
            int[] window = passages.windows()[p];
            assertThat(passages.endToken(p) - passages.firstToken(p)).as("words in passage %d", p)
                    .isGreaterThanOrEqualTo(Passages.MIN_WORDS);
            assertThat(passages.firstToken(p)).isEqualTo(starts[window[0]]);
            for (int sentence = window[0]; sentence <= window[1]; sentence++) {
                covered[sentence] = true;
            }
        }
        assertThat(covered).as("every sentence is in a passage").doesNotContain(false);
        int insult = java.util.Arrays.stream(passages.windows()).filter(w -> w[0] == 3).findFirst().orElseThrow()[1];
        assertThat(insult).as("the insult's own passage takes only the next sentence it needs").isEqualTo(4);
        List<List<Integer>> runs = java.util.Arrays.stream(passages.windows()).map(w -> List.of(w[0], w[1])).toList();
        assertThat(runs).as("and the one ending at it, only the sentences before it it needs").contains(List.of(1, 3));
        assertThat(runs).as("no passage twice").doesNotHaveDuplicates();

        Tokens shortText = features.tokens(normalizer.normalize("Come on now! Fine. You are a pathetic liar."));
        Passages one = Passages.of(shortText);
        assertThat(one.count()).as("a short text is one passage").isEqualTo(1);
        assertThat(one.endToken(0) - one.firstToken(0)).isEqualTo(shortText.count());
    }

    @Test
    void aPassageCountsExactlyTheFeaturesThatLieInsideIt() {
        Normalized normalized = normalizer.normalize(PARAGRAPHS);
        Tokens tokens = features.tokens(normalized);
        Passages passages = Passages.of(tokens);
        List<int[]> extracted = extract(features, PARAGRAPHS);
        for (int p = 0; p < passages.count(); p++) {
            int from = tokens.start(passages.firstToken(p));
            int to = tokens.end(passages.endToken(p) - 1);
            int[] counts = features.counts(tokens, passages.firstToken(p), passages.endToken(p));
            for (int group : new int[] {Features.WORDS, Features.CHARS}) {
                long inside = extracted.stream().filter(f -> f[1] == group && f[2] >= from && f[3] <= to).count();
                assertThat(inside).as("group %d of passage %d", group, p).isEqualTo(counts[group]);
            }
        }
    }

    @Test
    void aWordNearAPointerAlsoYieldsAPairFeatureCreditedToTheWordItself() {
        List<int[]> mine = extract(features, "your lies");
        List<int[]> theirs = extract(features, "their lies");
        List<int[]> plainLies = extract(plain, "lies");
        int[] pair = mine.stream().filter(f -> f[1] == Features.WORDS && f[2] == 5 && f[3] == 9)
                .filter(f -> plainLies.stream().noneMatch(g -> g[0] == f[0])).findFirst().orElseThrow();
        assertThat(theirs.stream().map(f -> f[0])).as("the reader and a group are different pointers").doesNotContain(pair[0]);
    }

    @Test
    void pointerWordsHaveNoFeaturesOfTheirOwnWhenPairsAreOn() {
        assertThat(extract(features, "you")).isEmpty();
        assertThat(extract(plain, "you")).isNotEmpty();
    }

    @Test
    void pairsStayInsideTheirSentence() {
        assertThat(extract(features, "lies. you").stream().filter(f -> f[1] == Features.WORDS).count())
                .as("'lies', the bigram across the full stop, no pair").isEqualTo(2);
    }

    @Test
    void aNegatedWordHasOtherKeysThanThePlainWordAndNoCharacterNgrams() {
        List<Integer> negated = extract(features, "he is not lazy").stream().filter(f -> f[2] >= 10).map(f -> f[0]).toList();
        List<Integer> asserted = extract(features, "he is so lazy").stream().filter(f -> f[2] >= 9).map(f -> f[0]).toList();
        assertThat(negated).doesNotContainAnyElementsOf(asserted);
        assertThat(extract(features, "he is not lazy").stream().filter(f -> f[1] == Features.CHARS && f[2] >= 10)).isEmpty();
    }

    @Test
    void identityWordsHaveNoFeatureOfTheirOwnWhicheverGroupTheyName() {
        List<Integer> muslim = extract(features, "I am a Muslim").stream().map(f -> f[0]).toList();
        List<Integer> jews = extract(features, "I am a Jews").stream().map(f -> f[0]).toList();
        assertThat(muslim).isEqualTo(jews);
    }
}
