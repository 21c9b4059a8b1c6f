package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.parley.testing.UnicodeStrings;

class NormalizerTest {

    private final Normalizer normalizer = new Normalizer();

    private String normalize(String text) {
        return normalizer.normalize(text).toString();
    }

    @Test
    void foldsCaseWidthLigaturesAccentsAndLookAlikeLetters() {
        assertThat(normalize("STUPID")).isEqualTo("stupid");
        assertThat(normalize("ＳＴＵＰＩＤ")).isEqualTo("stupid");
        assertThat(normalize("𝐬𝐭𝐮𝐩𝐢𝐝")).isEqualTo("stupid");
        assertThat(normalize("ﬁlthy")).isEqualTo("filthy");
        assertThat(normalize("stüpíd")).isEqualTo("stupid");
        // Cyrillic а, о and р dressed up as Latin letters
        assertThat(normalize("\u0441r\u0430\u0440")).isEqualTo("crap");
        assertThat(normalize("id\u0456\u043et")).isEqualTo("idiot");
        assertThat(normalize("it\u2019s")).isEqualTo("it's");
    }

    @Test
    void undoesLeetspeakInsideWordsButLeavesNumbersAndPunctuationAlone() {
        assertThat(normalize("b!tch")).isEqualTo("bitch");
        assertThat(normalize("st0pid")).isEqualTo("stopid");
        assertThat(normalize("sh1t")).isEqualTo("shit");
        assertThat(normalize("$hit")).isEqualTo("shit");
        assertThat(normalize("a$$")).isEqualTo("ass");
        assertThat(normalize("1diot")).isEqualTo("idiot");
        assertThat(normalize("stupid!")).isEqualTo("stupid!");
        assertThat(normalize("1st place, 200 fighters, 15 km2")).isEqualTo("1st place, 200 fighters, 15 km2");
    }

    @Test
    void collapsesElongationsButNotDoubleLettersOrNumbers() {
        assertThat(normalize("stuuuupid")).isEqualTo("stupid");
        assertThat(normalize("Nooooo!!!!")).isEqualTo("no!");
        assertThat(normalize("good book")).isEqualTo("good book");
        assertThat(normalize("1000 troops")).isEqualTo("1000 troops");
    }

    @Test
    void reducesUrlsMentionsAndHashtagsToPlaceholders() {
        char p = Normalized.PLACEHOLDER;
        assertThat(normalize("@user you are wrong")).isEqualTo(p + " you are wrong");
        assertThat(normalize("see https://example.org/a?b=c now")).isEqualTo("see " + p + " now");
        assertThat(normalize("www.example.org")).isEqualTo(String.valueOf(p));
        assertThat(normalize("so true #MAGA #Resist")).isEqualTo("so true " + p + " " + p);
        assertThat(normalize("mail me at ann@example.org")).doesNotContain(String.valueOf(p));
    }

    @Test
    void dropsInvisibleCharactersAndSqueezesWhitespace() {
        assertThat(normalize("id\u200Biot")).isEqualTo("idiot");
        assertThat(normalize("  shut \n\n  up  ")).isEqualTo("shut up");
        assertThat(normalize("")).isEmpty();
    }

    @Test
    void everyNormalizedCharacterPointsBackAtWhatTheReaderTyped() {
        String original = "You ＳＴＵＵＵＰＩＤ b!tch";
        Normalized normalized = normalizer.normalize(original);
        assertThat(normalized.toString()).isEqualTo("you stupid bitch");
        int stupid = normalized.toString().indexOf("stupid");
        String typed = original.substring(normalized.originalStart(stupid), normalized.originalEnd(stupid + 5));
        assertThat(typed).isEqualTo("ＳＴＵＵＵＰＩＤ");
        int bitch = normalized.toString().indexOf("bitch");
        assertThat(original.substring(normalized.originalStart(bitch), normalized.originalEnd(bitch + 4))).isEqualTo("b!tch");
    }

    @Test
    void charactersThatGrowWhenFoldedNeverOverrunTheText() {
        assertThat(normalize("Well\u2026 I\u2026 think\u2026 that\u2026 is\u2026 not\u2026 right, and you know it."))
                .as("each ellipsis unfolds to three dots, which squeeze like typed ones").isEqualTo("well. i. think. that. is. not. right, and you know it.");
        assertThat(normalize("\uFB03\uFB03\uFB03\uFB03\uFB03 rest of the sentence")).isEqualTo("ffiffiffiffiffi rest of the sentence");
        assertThat(normalize("\uFDFA")).startsWith("\u0635\u0644\u0649");
        assertThat(normalize("\u3392\u3392\u3392\u3392\u3392\u3392 ok")).isEqualTo("mhzmhzmhzmhzmhzmhz ok");
        assertThat(normalize("\uFF33\uFF34\uFF35\uFF30\uFF29\uFF24\u2026\u2026\u2026\u2026\u2026 and more words after it"))
                .isEqualTo("stupid. and more words after it");
    }

    @Test
    void randomUnicodeNeverBreaksTheNormalizerAndEveryCharacterPointsIntoTheOriginal() {
        Random random = new Random(20261207);
        for (int run = 0; run < 20_000; run++) {
            String original = UnicodeStrings.next(random, 40);
            Normalized normalized = normalizer.normalize(original);
            for (int i = 0; i < normalized.length(); i++) {
                int start = normalized.originalStart(i);
                int end = normalized.originalEnd(i);
                assertThat(start).as("start of %d in %s", i, escaped(original)).isBetween(0, original.length());
                assertThat(end).as("end of %d in %s", i, escaped(original)).isBetween(start, original.length());
            }
        }
    }

    private static String escaped(String text) {
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> out.append(c < 128 && c >= 32 ? String.valueOf((char) c) : String.format("\\u%04X", c)));
        return out.toString();
    }
}
