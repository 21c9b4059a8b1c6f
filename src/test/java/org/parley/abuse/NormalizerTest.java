package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
}
