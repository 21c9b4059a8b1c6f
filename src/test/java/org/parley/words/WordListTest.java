package org.parley.words;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.parley.testing.UnicodeStrings;

class WordListTest {

    private static WordList list(WordTerm... terms) {
        return WordList.compile(List.of(terms));
    }

    private static List<String> found(WordList list, String text) {
        return list.find(text).stream().map(WordMatch::matched).toList();
    }

    @Nested
    class WholeWords {

        private final WordList ass = list(WordTerm.banned("ass"));

        @Test
        void aTermMatchesOnlyWholeWords() {
            assertThat(found(ass, "You ass.")).containsExactly("ass");
            assertThat(found(ass, "first class assessment, bass, assassin")).isEmpty();
        }

        @Test
        void wordEdgesAreJudgedAfterNormalization() {
            assertThat(found(ass, "(ASS)")).containsExactly("ASS");
            assertThat(found(ass, "a\u200Bss")).as("a zero-width space does not split a word").containsExactly("a\u200Bss");
            assertThat(found(ass, "ass\u0301")).containsExactly("ass\u0301");
        }

        @Test
        void aWordMayBeginOrEndBesideLeetspeakAtItsEdge() {
            WordList idiot = list(WordTerm.banned("idiot"));
            assertThat(found(idiot, "@idiot idiot1 idiot$")).containsExactly("idiot", "idiot", "idiot");
            assertThat(found(list(WordTerm.banned("hi")), "hi1")).containsExactly("hi");
        }

        @Test
        void numbersDoNotStretch() {
            WordList hundred = list(WordTerm.suspect("100"));
            assertThat(found(hundred, "100 1000 10")).containsExactly("100");
        }
    }

    @Nested
    class RepeatedLetters {

        @Test
        void elongatedLettersStillMatch() {
            WordList list = list(WordTerm.banned("stupid"), WordTerm.banned("fuck"), WordTerm.suspect("good"));
            assertThat(found(list, "stuuupid STUUUUUUPID fuuuuck fuckkk goooood"))
                    .containsExactly("stuuupid", "STUUUUUUPID", "fuuuuck", "fuckkk", "goooood");
        }

        @Test
        void aDoubledLetterIsNotAnElongatedSingleOne() {
            assertThat(found(list(WordTerm.banned("god")), "good god")).containsExactly("god");
        }

        @Test
        void aSingleLetterIsNotAShortenedDoubleOne() {
            assertThat(found(list(WordTerm.banned("ass")), "as ass asss")).containsExactly("ass", "asss");
        }

        @Test
        void threeOrMoreOfALetterStandForOneOrTwo() {
            // The rule is symmetric in what it cannot know: "gooood" might be an elongated "god" or "good".
            WordList list = list(WordTerm.banned("god"), WordTerm.suspect("good"));
            assertThat(list.find("gooood")).extracting(match -> match.term().text()).containsExactly("god", "good");
        }
    }

    @Nested
    class Obfuscation {

        private final WordList list = list(WordTerm.banned("bitch"), WordTerm.banned("shit"),
                WordTerm.banned("fuck"), WordTerm.suspect("stupid"), WordTerm.banned("ass"));

        @Test
        void leetspeakIsRead() {
            assertThat(found(list, "b!tch sh1t $h!t fu(k @ss a$$ a55")).containsExactly(
                    "b!tch", "sh1t", "$h!t", "@ss", "a$$", "a55");
        }

        @Test
        void lookAlikesFromOtherScriptsAndFullwidthFormsAreRead() {
            assertThat(found(list, "ѕτuріԁ ＳＴＵＰＩＤ 𝐬𝐭𝐮𝐩𝐢𝐝 Śtüpîd")).containsExactly(
                    "ѕτuріԁ", "ＳＴＵＰＩＤ", "𝐬𝐭𝐮𝐩𝐢𝐝", "Śtüpîd");
        }

        @Test
        void lettersSpelledOutWithSeparatorsAreRead() {
            assertThat(found(list, "f.u.c.k, f-u-c-k, f u c k and s.h.1.t")).containsExactly(
                    "f.u.c.k", "f-u-c-k", "f u c k", "s.h.1.t");
        }

        @Test
        void everythingAtOnce() {
            String text = "you are ЅΤÚÚÚР!D, b\u200B!!!tch";
            assertThat(list.find(text)).extracting(WordMatch::matched, match -> match.term().text())
                    .containsExactly(tuple("ЅΤÚÚÚР!D", "stupid"), tuple("b\u200B!!!tch", "bitch"));
        }
    }

    @Nested
    class PhrasesAndWildcards {

        @Test
        void aPhraseMatchesAcrossAnySeparators() {
            WordList list = list(WordTerm.suspect("go back to"));
            assertThat(found(list, "Go... back,  TO where you came from")).containsExactly("Go... back,  TO");
            assertThat(found(list, "go back tomorrow")).isEmpty();
        }

        @Test
        void aLeadingStarMatchesInsideAWordAtItsStart() {
            WordList list = list(WordTerm.banned("*hole"));
            assertThat(list.find("what an a55hole, a hole")).extracting(WordMatch::start, WordMatch::matched)
                    .containsExactly(tuple(11, "hole"), tuple(19, "hole"));
            assertThat(found(list, "holes wholesome")).isEmpty();
        }

        @Test
        void aTrailingStarMatchesInsideAWordAtItsEnd() {
            WordList list = list(WordTerm.suspect("idiot*"));
            assertThat(found(list, "idiots IDIOTIC idiot myidiot")).containsExactly("idiot", "IDIOT", "idiot");
        }

        @Test
        void starsAtBothEndsMatchAnywhere() {
            assertThat(found(list(WordTerm.suspect("*rat*")), "ratty pirate rat")).containsExactly("rat", "rat", "rat");
        }

        @Test
        void aPartialEndTakesOnlyWhatTheTermNeedsFromARunOfTwo() {
            assertThat(list(WordTerm.banned("*sole")).find("assole")).extracting(WordMatch::start, WordMatch::matched)
                    .containsExactly(tuple(2, "sole"));
        }

        @Test
        void termsInScriptsWithoutSpacesMatchInsideRunningText() {
            assertThat(found(list(WordTerm.banned("馬鹿")), "お前は馬鹿だ")).containsExactly("馬鹿");
        }
    }

    @Nested
    class Reports {

        @Test
        void everyMatchSaysWhichTermWhatKindAndWhereInTheOriginalText() {
            WordList list = list(WordTerm.banned("fuck"), WordTerm.suspect("fuck you"));
            String text = "Well, FUUUCK  you!";
            assertThat(list.find(text)).containsExactly(
                    new WordMatch(WordTerm.banned("fuck"), 6, 12, "FUUUCK"),
                    new WordMatch(WordTerm.suspect("fuck you"), 6, 17, "FUUUCK  you"));
            assertThat(list.find(text)).extracting(WordMatch::kind)
                    .containsExactly(WordTerm.Kind.BANNED, WordTerm.Kind.SUSPECT);
        }

        @Test
        void theSameWordBannedAndSuspectIsReportedTwice() {
            WordList list = list(WordTerm.suspect("idiot"), WordTerm.banned("idiot"));
            assertThat(list.find("idiot")).extracting(WordMatch::kind)
                    .containsExactly(WordTerm.Kind.BANNED, WordTerm.Kind.SUSPECT);
        }

        @Test
        void offsetsStayRightAfterEmojiSurrogatePairsAndCombiningMarks() {
            WordList list = list(WordTerm.banned("idiot"));
            String text = "😀👍🏽 cafe\u0301 𝐧𝐨 — idiot 🙃 íd\u200Biot";
            List<WordMatch> matches = list.find(text);
            assertThat(matches).extracting(WordMatch::start, WordMatch::end)
                    .containsExactly(tuple(text.indexOf("idiot"), text.indexOf("idiot") + 5),
                            tuple(text.indexOf("íd"), text.length()));
            assertThat(matches).allSatisfy(match ->
                    assertThat(text.substring(match.start(), match.end())).isEqualTo(match.matched()));
        }

        @Test
        void matchesComeInReadingOrder() {
            WordList list = list(WordTerm.suspect("b"), WordTerm.suspect("aa bb"), WordTerm.banned("aa"));
            assertThat(list.find("bb aa bb b")).extracting(WordMatch::start, WordMatch::end)
                    .containsExactly(tuple(3, 5), tuple(3, 8), tuple(9, 10));
        }
    }

    @Nested
    class Lists {

        @Test
        void anEmptyListFindsNothing() {
            WordList empty = WordList.compile(List.of());
            assertThat(empty.size()).isZero();
            assertThat(empty.find("anything at all")).isEmpty();
        }

        @Test
        void duplicateTermsCountOnce() {
            WordList list = list(WordTerm.banned("idiot"), WordTerm.banned("idiot"));
            assertThat(list.size()).isOne();
            assertThat(list.find("idiot")).hasSize(1);
        }

        @Test
        void aTermWithoutLettersOrDigitsIsSetAsideAndTheRestStillMatch() {
            WordList list = list(WordTerm.banned("idiot"), WordTerm.banned("?!"), WordTerm.suspect("\u200B\uE000"));
            assertThat(list.unmatchable()).extracting(WordTerm::text).containsExactly("?!", "\u200B\uE000");
            assertThat(found(list, "what?! an idiot")).containsExactly("idiot");
        }

        @Test
        void aStarOnlyAtTheEndsOfATerm() {
            assertThatThrownBy(() -> WordTerm.banned("f*ck")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("f*ck");
            assertThatThrownBy(() -> WordTerm.banned("*")).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> WordTerm.banned(" ")).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void oneListServesManyThreadsAtOnce() throws Exception {
            WordList list = list(WordTerm.banned("stupid"), WordTerm.suspect("go back to"));
            String text = "stuuupid, go back to bed";
            List<WordMatch> expected = list.find(text);
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                List<Future<List<WordMatch>>> results = new ArrayList<>();
                for (int i = 0; i < 64; i++) {
                    results.add(pool.submit(() -> list.find(text)));
                }
                for (Future<List<WordMatch>> result : results) {
                    assertThat(result.get()).isEqualTo(expected);
                }
            }
            assertThat(expected).hasSize(2);
        }
    }

    /**
     * Times are this thread's CPU time where the JVM offers it: CI machines are shared, and wall time there
     * measures the neighbours as much as us. The bounds are generous on purpose; the real figures are in
     * docs/PERFORMANCE-words.md.
     */
    @Test
    void aHundredThousandTermsBuildAndAnswerQuickly() {
        Random random = new Random(42);
        List<WordTerm> terms = WordListSamples.terms(random, 100_000);
        MatchText.of("warm"); // loads the Unicode tables: once per process, not per list
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        LongSupplier clock = threads.isCurrentThreadCpuTimeSupported() ? threads::getCurrentThreadCpuTime
                : System::nanoTime;

        long buildStart = clock.getAsLong();
        WordList list = WordList.compile(terms);
        long buildMillis = (clock.getAsLong() - buildStart) / 1_000_000;
        String comment = WordListSamples.comment(random, terms, 2_000);
        long findStart = clock.getAsLong();
        List<WordMatch> matches = list.find(comment);
        long findMillis = (clock.getAsLong() - findStart) / 1_000_000;

        assertThat(list.size()).isEqualTo(terms.size());
        assertThat(comment).hasSize(2_000);
        assertThat(matches).isNotEmpty();
        assertThat(buildMillis).as("build of 100,000 terms, ms").isLessThan(5_000);
        assertThat(findMillis).as("first find in a 2,000-character comment, ms").isLessThan(50);
    }

    /**
     * Any term of the list, written the way people dodge filters (random case, elongated letters,
     * leetspeak, look-alike letters, invisible characters, accents, spelled out with dots), dropped into
     * random text with emoji and combining marks around it, is found at exactly the place it was put.
     */
    @Test
    void anObfuscatedTermInRandomTextIsAlwaysFoundWhereItWasPut() {
        Random random = new Random(20261125);
        List<WordTerm> terms = WordListSamples.terms(random, 2_000);
        WordList list = WordList.compile(terms);
        for (int round = 0; round < 3_000; round++) {
            WordTerm term = terms.get(random.nextInt(terms.size()));
            String disguised = WordListSamples.disguise(random, term.core());
            String before = WordListSamples.filler(random) + WordListSamples.pick(random, " ", ", ", " (", "\n", " \"", " — ");
            String after = WordListSamples.pick(random, " ", ". ", "! ", ") ", "? ", "") + WordListSamples.filler(random);
            String text = before + disguised + after;
            int start = before.length();

            assertThat(list.find(text))
                    .as("round %d: '%s' disguised as '%s' in: %s", round, term.text(), disguised, text)
                    .contains(new WordMatch(term, start, start + disguised.length(), disguised));
        }
    }

    /** Terms and comments of any Unicode: the list never throws, and every match is a real slice of the comment. */
    @Test
    void randomUnicodeNeverBreaksTheMatcher() {
        Random random = new Random(20261207);
        List<WordTerm> terms = new ArrayList<>(WordListSamples.terms(random, 500));
        for (int i = 0; i < 300; i++) {
            String text = UnicodeStrings.next(random, 4).strip();
            try {
                terms.add(random.nextBoolean() ? WordTerm.banned(text) : WordTerm.suspect(text));
            } catch (IllegalArgumentException refused) {
                // a blank term, or one with a '*' inside, is refused by name: that is the answer, not a crash
            }
        }
        WordList list = WordList.compile(terms);
        for (int run = 0; run < 10_000; run++) {
            String comment = UnicodeStrings.next(random, 40);
            for (WordMatch match : list.find(comment)) {
                assertThat(match.start()).isBetween(0, match.end());
                assertThat(comment.substring(match.start(), match.end())).isEqualTo(match.matched());
            }
        }
    }

    /** Every code point Unicode has room for, alone and between letters: the matcher never throws, and terms around it are still found. */
    @Test
    void everyCodePointIsReadWithoutFailing() {
        WordList list = list(WordTerm.banned("idiot"));
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            String one = new String(Character.toChars(cp));
            list.find(one);
            assertThat(list.find("idiot " + one + " idiot")).as("U+%04X between two terms", cp).hasSizeGreaterThanOrEqualTo(1);
        }
    }
}
