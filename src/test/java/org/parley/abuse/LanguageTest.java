package org.parley.abuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.abuse.Language.Guess;

class LanguageTest {

    @Test
    void everydayEnglishCommentsAreEnglishWhateverTheirSpellingOrTone() {
        List<String> comments = List.of(
                "The council should have asked the people who actually live on this street before closing it.",
                "I read the whole article and I still don't understand why the bridge costs twice as much now.",
                "you are a complete fucking idiot and everyone here knows it",
                "THIS IS THE WORST DECISION THIS TOWN HAS EVER MADE!!!",
                "lmao u really think thats how taxes work?? go back to school",
                "Thnaks for teh update, realy apreciate it, will share with my nieghbours",
                "Shut up troll, nobody asked for your garbage opinion",
                "Great match yesterday, the second half was brilliant and the keeper was on fire",
                "smh this guy is such a clown, can't believe ppl vote for him",
                "Not sure I agree. The numbers in the second chart look off to me.",
                "@mayor_office when is the bin collection back to normal? https://example.org/bins",
                "Why does every thread on here turn into a fight about immigration",
                "If you don't like it, don't read it. Simple as that.",
                "honestly the food at that place is mid af, overpriced too",
                "Bullshit. They knew about the leak for months and said nothing.",
                "He's right about the trains but wrong about literally everything else",
                "My grandmother grew up in Zürich and she laughed at this story for days.",
                "We went to the café on Rue Saint-Denis, très chic, and it was honestly the best coffee of the trip.",
                // chat spellings other languages share ("da", "den", "hoe", "ho"), and words said twice
                "dem boys in da hood ain't playin wit u, den they cry about it",
                "ho ho ho merry christmas to all of you",
                "ha ha ha no way that happened, good one");
        for (String comment : comments) {
            assertThat(Language.guess(comment)).as(comment).isEqualTo(Guess.ENGLISH);
        }
    }

    @Test
    void aHeadlineWithoutFunctionWordsIsNeverOther() {
        for (String headline : List.of("Pro-Choice Group Sues Pro-Life Clinic Over Ads",
                "Mayor Defeats Challenger, Vows Tax Cuts, Transit Expansion Next Year",
                "BREAKING: Storm Leaves Thousands Without Power Across Region")) {
            assertThat(Language.guess(headline)).as(headline).isNotEqualTo(Guess.OTHER);
        }
    }

    @Test
    void lessCommonLatinScriptLanguagesAreOtherToo() {
        List<String> comments = List.of(
                "Nu sunt de acord cu ce scrie aici, este o prostie și toată lumea știe asta.",
                "Hindi totoo ang balitang ito, wala namang ganyang nangyari sa amin.",
                "Tämä ei ole totta, koska kukaan ei ole nähnyt mitään sellaista.",
                "Ez nem igaz, mert senki nem mondta ezt, csak te találtad ki.",
                "To není pravda, protože nikdo nic takového neřekl a ty to víš.",
                "Jeg er ikke enig i det her, og det ved du godt selv.");
        for (String comment : comments) {
            assertThat(Language.guess(comment)).as(comment).isEqualTo(Guess.OTHER);
        }
    }

    @Test
    void veryShortTextsEmojiAndLinksAreTooShortToTell() {
        for (String text : List.of("lol", "so true", "this!!!", "Agreed.", "👍👍👍", "😂😂😂😂😂", "", "   ",
                "https://example.org/some/long/path?with=query", "@someone #tag https://example.org", "+1", "1000%",
                "well said mate")) {
            assertThat(Language.guess(text)).as(text).isEqualTo(Guess.UNKNOWN);
        }
    }

    @Test
    void commentsInOtherLatinScriptLanguagesAreOther() {
        List<String> comments = List.of(
                // German
                "Das ist doch völliger Unsinn, was du da schreibst, und das weißt du auch ganz genau.",
                "Ich habe den Artikel gelesen und finde, dass die Stadt hier einfach zu spät reagiert hat.",
                // French
                "Je ne suis pas du tout d'accord avec cet article, c'est vraiment n'importe quoi.",
                "Il faut arrêter de dire que tout va bien, les gens dans ce quartier ne peuvent plus payer.",
                // Spanish
                "No tienes ni idea de lo que estás diciendo, pero sigue escribiendo si te hace feliz.",
                "El alcalde prometió arreglar la calle hace dos años y todavía no ha hecho nada.",
                // Italian
                "Non è vero, io ho letto tutto l'articolo e non dice questo da nessuna parte.",
                "Questa è la solita storia, promettono tutto prima delle elezioni e poi spariscono.",
                // Portuguese
                "Isso não faz sentido nenhum, você leu a notícia antes de comentar?",
                "Eu moro no bairro há vinte anos e nunca vi uma obra tão mal feita como esta.",
                // Dutch
                "Ik denk niet dat dit een goed idee is, het kost veel te veel geld voor de gemeente.",
                "Wat een onzin, de trein is al weken te laat en niemand doet er iets aan.",
                // Turkish
                "Bu haberde yazılanların hiçbiri doğru değil, lütfen önce araştırın sonra yazın.",
                "Ben bu konuda sana katılmıyorum ama yine de fikrini merak ediyorum.",
                // Polish
                "Nie rozumiem, dlaczego miasto znowu podnosi ceny biletów, to jest po prostu żart.",
                // Indonesian
                "Saya tidak setuju dengan berita ini, karena faktanya sudah lama diketahui oleh warga.",
                // Swedish
                "Det här är helt fel och du vet det, men jag orkar inte bråka med dig om det.",
                // Vietnamese
                "Tôi không đồng ý với bài viết này vì thông tin trong đó chưa được kiểm chứng.");
        for (String comment : comments) {
            assertThat(Language.guess(comment)).as(comment).isEqualTo(Guess.OTHER);
        }
    }

    @Test
    void commentsInOtherScriptsAreOtherEvenWhenShort() {
        List<String> comments = List.of(
                // Arabic
                "هذا الكلام غير صحيح على الإطلاق ويجب على الكاتب أن يعتذر",
                // Russian
                "Это полная ерунда, автор вообще не понимает, о чём пишет.",
                "Спасибо!",
                // Ukrainian
                "Дякую за статтю, але я з вами не згоден щодо цін на житло.",
                // Chinese
                "这篇文章写得很好，我完全同意作者的观点。",
                "太蠢了",
                // Hebrew
                "זה פשוט לא נכון, תקראו את הכתבה לפני שאתם מגיבים.",
                // Greek, Japanese, Korean, Hindi
                "Αυτό δεν είναι αλήθεια, διάβασε πρώτα το άρθρο.",
                "この記事はとても分かりやすいです。ありがとう。",
                "이 기사는 완전히 틀렸어요. 다시 확인하세요.",
                "यह खबर पूरी तरह से गलत है, कृपया पहले जांच करें।");
        for (String comment : comments) {
            assertThat(Language.guess(comment)).as(comment).isEqualTo(Guess.OTHER);
        }
    }

    @Test
    void anEnglishCommentQuotingAnotherLanguageStaysEnglish() {
        List<String> comments = List.of(
                "He kept shouting \"يلا\" at the referee the whole second half, it was hilarious.",
                "The sign at the border just says Добро пожаловать and nothing else, which is a bit odd for a crossing that busy.",
                "My teacher always ended class with \"c'est la vie\" and I never understood why until now.",
                "The minister said \"wir schaffen das\" in 2015 and people are still arguing about what she meant by it.",
                "They named the restaurant 好吃 which means tasty, and honestly the dumplings were great.",
                "She answered \"no pasa nada\" and walked off, and that was the end of the argument.");
        for (String comment : comments) {
            assertThat(Language.guess(comment)).as(comment).isEqualTo(Guess.ENGLISH);
        }
    }

    @Test
    void wordsDisguisedWithLookAlikeLettersCountAsLatin() {
        // Cyrillic о, а and е inside English words, the way the normalizer's look-alike folding expects them
        assertThat(Language.guess("y\u043eu \u0430re the w\u043erst m\u043ed\u0435r\u0430t\u043er on this site"))
                .isEqualTo(Guess.ENGLISH);
    }
}
