package org.parley.words;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class MatchTextTest {

    private static String normalized(String text) {
        return MatchText.of(text).normalized();
    }

    /** The original text behind normalized characters [from, to). */
    private static String originalOf(MatchText text, int from, int to) {
        return text.original().substring(text.originalStart(from), text.originalEnd(to - 1));
    }

    @Nested
    class Folding {

        @Test
        void caseIsFolded() {
            assertThat(normalized("StUpId IDIOT")).isEqualTo("stupid idiot");
            assertThat(normalized("STRASSE Straße")).isEqualTo("strasse strasse");
        }

        @Test
        void accentsAreStrippedWhetherPrecomposedOrCombining() {
            assertThat(normalized("Ŝťúpíď crème brûlée")).isEqualTo("stupid creme brulee");
            assertThat(normalized("ide\u0301e\u0301")).isEqualTo("idee");
        }

        @Test
        void cyrillicAndGreekLookAlikesBecomeLatin() {
            assertThat(normalized("ѕтuріd")).isEqualTo("stupid"); // Cyrillic ѕ т р і
            assertThat(normalized("ΙDΙΟΤ")).isEqualTo("idiot"); // Greek capitals Ι Ο Τ
            assertThat(normalized("сοοl")).isEqualTo("cool"); // Cyrillic с, Greek ο
        }

        @Test
        void fullwidthMathematicalCircledAndSmallCapitalLettersBecomePlain() {
            assertThat(normalized("ＩＤＩＯＴ")).isEqualTo("idiot");
            assertThat(normalized("𝐢𝐝𝐢𝐨𝐭 𝓲𝓭𝓲𝓸𝓽")).isEqualTo("idiot idiot");
            assertThat(normalized("ⓘⓓⓘⓞⓣ")).isEqualTo("idiot");
            assertThat(normalized("ɪᴅɪᴏᴛ")).isEqualTo("idiot");
            assertThat(normalized("ﬁne")).isEqualTo("fine");
        }

        @Test
        void zeroWidthCharactersAndSoftHyphensVanish() {
            assertThat(normalized("fu\u200Bck f\u200Cu\u200Dc\u2060k\uFEFF idi\u00ADot")).isEqualTo("fuck fuck idiot");
        }

        @Test
        void digitsOfOtherScriptsAreAsciiDigits() {
            assertThat(normalized("٣٤ ३४ ３４")).isEqualTo("34 34 34");
        }

        @Test
        void indicVowelSignsAreKeptBecauseTheySpellTheWord() {
            assertThat(normalized("कुत्ता")).isEqualTo("कुत्ता");
        }
    }

    @Nested
    class Leetspeak {

        @Test
        void symbolsAndDigitsInsideAWordAreLetters() {
            assertThat(normalized("b!tch sh1t l33t h4x0r a55hole b|ind sc@m 7r0ll")).isEqualTo(
                    "bitch shit leet haxor asshole blind scam troll");
        }

        @Test
        void numbersWithoutLettersStayNumbers() {
            assertThat(normalized("2 + 2 = 4")).isEqualTo("2 2 4");
            assertThat(normalized("100% of 4 you")).isEqualTo("100 of 4 you");
            assertThat(normalized("$100 or 50$!")).isEqualTo(" 100 or 50 ");
        }

        @Test
        void digitsDollarsAndLeadingAtAreSoftLettersAtAWordsEdge() {
            MatchText text = MatchText.of("@ss a$$ idiot1");
            assertThat(text.normalized()).isEqualTo("ass ass idioti");
            assertThat(text.isSoft(0)).as("@ of @ss").isTrue();
            assertThat(text.isSoft(1)).as("s of @ss").isFalse();
            assertThat(text.isSoft(5)).isTrue();
            assertThat(text.isSoft(6)).isTrue();
            assertThat(text.isSoft(13)).as("1 of idiot1").isTrue();
        }

        @Test
        void exclamationAndBarAtAWordsEdgeStayPunctuation() {
            assertThat(normalized("stupid! !idiot |loser| hey!!")).isEqualTo("stupid idiot loser hey ");
        }
    }

    @Nested
    class Separators {

        @Test
        void singleLettersSeparatedByDotsDashesOrSpacesAreJoined() {
            assertThat(normalized("f.u.c.k f-u-c-k f u c k f. u. c. k f_u_c_k f*u*c*k"))
                    .isEqualTo("fuck fuck fuck fuck fuck fuck");
            assertThat(normalized("$.h.1.t")).isEqualTo("shit");
        }

        @Test
        void ordinaryShortWordsAndHyphenatedWordsAreNotJoined() {
            assertThat(normalized("was I a fool")).isEqualTo("was i a fool");
            assertThat(normalized("A, B, C")).isEqualTo("a b c");
            assertThat(normalized("well-known 1 2 3")).isEqualTo("well known 1 2 3");
            assertThat(normalized("f  .  u  .  c  .  k")).as("gaps wider than two").isEqualTo("f u c k");
        }

        @Test
        void apostrophesBetweenLettersDisappear() {
            assertThat(normalized("don't don’t donʼt 'quoted'")).isEqualTo("dont dont dont quoted ");
        }

        @Test
        void everyRunOfSeparatorsIsOneSpace() {
            assertThat(normalized("go...  back,\n\tto 😀 me")).isEqualTo("go back to me");
        }

        @Test
        void repeatedLettersAreKeptForTheMatcherToJudge() {
            assertThat(normalized("STUUUPID gooood")).isEqualTo("stuuupid gooood");
        }
    }

    @Nested
    class Offsets {

        @Test
        void everyNormalizedCharacterPointsAtTheOriginalItCameFrom() {
            MatchText text = MatchText.of("Hi, ЅТÚРІD!");
            assertThat(text.normalized()).isEqualTo("hi stupid ");
            assertThat(originalOf(text, 3, 9)).isEqualTo("ЅТÚРІD");
            assertThat(originalOf(text, 2, 3)).as("the space stands for ', '").isEqualTo(", ");
        }

        @Test
        void emojiAndSurrogatePairsBeforeAMatchDoNotShiftIt() {
            String original = "😀👍🏽 𝐢𝐝𝐢𝐨𝐭 idiot";
            MatchText text = MatchText.of(original);
            assertThat(text.normalized()).isEqualTo(" idiot idiot");
            assertThat(originalOf(text, 1, 6)).isEqualTo("𝐢𝐝𝐢𝐨𝐭");
            assertThat(originalOf(text, 7, 12)).isEqualTo("idiot");
            assertThat(text.originalStart(7)).isEqualTo(original.lastIndexOf("idiot"));
        }

        @Test
        void aDroppedCombiningMarkBelongsToTheLetterBeforeIt() {
            String original = "e\u0301e\u0301 sti\u0308\u0301pid";
            MatchText text = MatchText.of(original);
            assertThat(text.normalized()).isEqualTo("ee stipid");
            assertThat(originalOf(text, 0, 1)).isEqualTo("e\u0301");
            assertThat(originalOf(text, 3, 9)).isEqualTo("sti\u0308\u0301pid");
        }

        @Test
        void joinedLettersSpanTheSeparatorsBetweenThem() {
            MatchText text = MatchText.of("so f.u.c.k off");
            assertThat(text.normalized()).isEqualTo("so fuck off");
            assertThat(originalOf(text, 3, 7)).isEqualTo("f.u.c.k");
        }

        @Test
        void aCharacterThatFoldsIntoSeveralMapsEachOfThemBackToItself() {
            MatchText text = MatchText.of("ﬁx");
            assertThat(text.normalized()).isEqualTo("fix");
            assertThat(originalOf(text, 0, 1)).isEqualTo("ﬁ");
            assertThat(originalOf(text, 1, 2)).isEqualTo("ﬁ");
            assertThat(originalOf(text, 2, 3)).isEqualTo("x");
        }
    }

    @Test
    void emptyTextIsEmpty() {
        assertThat(MatchText.of("").length()).isZero();
        assertThat(normalized("\u200B\u00AD")).isEmpty();
    }

    @Test
    void nullIsRejected() {
        assertThatThrownBy(() -> MatchText.of(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
