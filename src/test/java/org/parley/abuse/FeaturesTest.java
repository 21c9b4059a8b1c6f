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
