package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.abuse.Excerpts.Excerpt;

class ExcerptsTest {

    @Test
    void aShortCommentIsOneExcerptAndAnEmptyOneHasNoWords() {
        assertThat(Excerpts.of("Fair point, thanks.")).singleElement().extracting(Excerpt::text).isEqualTo("Fair point, thanks.");
        assertThat(Excerpts.of("  \n ")).singleElement().extracting(Excerpt::text).isEqualTo("");
    }

    @Test
    void aLongCommentIsCutBetweenSentencesIntoExcerptsOfAtMostTheWordLimit() {
        String sentence = "The council will meet again on Thursday to discuss the new bus lanes in the centre. ";
        List<Excerpt> excerpts = Excerpts.of(sentence.repeat(1) + sentence.replace("Thursday", "Friday")
                + sentence.replace("Thursday", "Monday") + sentence.replace("bus", "bike"));
        assertThat(excerpts).hasSizeGreaterThan(1);
        for (Excerpt excerpt : excerpts) {
            assertThat(excerpt.text().split("\\s+")).hasSizeLessThanOrEqualTo(Excerpts.MAX_WORDS);
        }
        assertThat(excerpts.get(0).text()).startsWith("The council").endsWith("centre.");
    }

    @Test
    void aWordOrPhraseSaidAgainAndAgainCountsOnce() {
        assertThat(Excerpts.of("idiot idiot IDIOT idiot! idiot").get(0).text()).isEqualTo("idiot");
        assertThat(Excerpts.of("you lie you lie you lie, everyone knows it").get(0).text()).isEqualTo("you lie everyone knows it");
        assertThat(Excerpts.of("no no no, that is not what the report says").get(0).text()).isEqualTo("no that is not what the report says");
    }

    @Test
    void aSentenceTheCommentAlreadySaidIsLeftOut() {
        List<Excerpt> excerpts = Excerpts.of("Resign now. Resign now! Resign now. The vote was rigged.");
        assertThat(excerpts).singleElement().extracting(Excerpt::text).isEqualTo("Resign now.\nThe vote was rigged.");
    }

    @Test
    void offsetsInAnExcerptPointAtWhatTheReaderTyped() {
        String original = "First line here.\n\n  Then   a   spaced   insult   moron   at the end.";
        Excerpt excerpt = Excerpts.of(original).get(0);
        int at = excerpt.text().indexOf("moron");
        int start = excerpt.originalStart(at);
        int end = excerpt.originalEnd(at + "moron".length());
        assertThat(original.substring(start, end)).isEqualTo("moron");
        assertThat(original.substring(excerpt.originalFirst(), excerpt.originalLast())).startsWith("First").endsWith("end.");
    }
}
