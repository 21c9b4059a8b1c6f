package org.parley.abuse;

/**
 * Whether a comment is in English, the only language the abuse model has learned: for any other the
 * model's score says little (it is neither reliably low nor reliably high), so moderation applies
 * the site's rule for such comments instead of trusting it.
 *
 * <p>Two signals, both cheap: the script of the letters (a comment mostly in Cyrillic, Arabic, Hebrew,
 * Chinese … is not English, though an English comment quoting a word in one is), and for Latin script
 * the function words ("the", "and", "is" against "der", "und", "ist", "le", "et", "est", "que", "di" …)
 * of English and 17 other languages written with Latin letters; Vietnamese and languages not listed
 * are told by their accents. A word on several lists counts for each by an equal part ("me" is
 * English, Spanish, French, Italian, Portuguese …). Function words are the most frequent words of every
 * language and carry no topic, so profanity, slang, typos and all-caps leave them alone; the English
 * list also holds the spellings of tweets and chat ("dat", "den", "ain't"), which other lists share.
 * URLs, @mentions, #hashtags, digits and single letters other than "I" are skipped, and each function word counts once.
 *
 * <p>Stateless and thread-safe; one pass over the text, no allocation beyond two small arrays.
 */
final class Language {

    /** What {@link #guess} concludes. */
    enum Guess {
        /** Mostly English: the model's score applies. */
        ENGLISH,
        /** Mostly another language or script: the model's score is unreliable. */
        OTHER,
        /** Too little text to tell (fewer than 4 words, emoji, links): treated as English by callers that must choose. */
        UNKNOWN
    }

    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    /** Distinct function words remembered per text; later ones count every time (long texts only). */
    private static final int MAX_DISTINCT = 64;

    /** Fewer Latin-script words than this are too few to weigh function words. */
    static final int MIN_WORDS = 4;

    /**
     * Function words per language, folded the way {@link #guess} folds text: lower case, no accents,
     * {@code ß → s}, dotless {@code ı → i}, {@code ł → l}. English first. Single letters are never
     * looked up. Written for Parley.
     */
    private static final String[] FUNCTION_WORDS = {
        // English
        "the a an and or but if of to in on at by for with from about as into than then so not no is are was were"
            + " be been being am do does did don't dont doesn't doesnt didn't didnt isn't isnt aren't wasn't can't cant"
            + " won't wont have has had it it's its this that these those there here what which who whom whose when"
            + " where why how i i'm im i've i'd i'll me my mine you your you're youre u ur he him his she her hers we"
            + " us our they them their they're theyre all any some just like very too also only even still really"
            + " would could should will can may might must get got because though while yes yeah lol omg wtf"
            // frequent in comments, and the spellings of tweets and chat ("dat", "da", "den", "hoe")
            + " that's thats what's whats there's let's now out up more over one people think know want go make say"
            + " said see much many never always again back after before off down well ok okay lmao smh fuck fucking"
            + " shit da dat dis dem den dey ya ain't aint tho bout gonna wanna gotta hoe ho",
        // German
        "der die das den dem des ein eine einen einem einer eines und oder aber nicht kein keine keinen ist sind"
            + " war waren bin bist hat haben hatte ich du er sie es wir ihr mich mir dich dir sich uns euch mein meine"
            + " dein deine unser auch noch schon nur sehr doch ja nein mit von zu zum zur auf aus bei nach fur uber"
            + " unter wie was wer wo warum wenn dass weil als man kann muss wird werden dieser diese dieses jetzt hier"
            + " da immer nichts alles mal gibt einfach gar",
        // French
        "le la les un une des du de et ou mais donc ne pas plus je tu il elle on nous vous ils elles me te se moi"
            + " toi lui leur mon ma mes ton ta tes son sa ses notre votre ce cette ces qui que quoi dont est sont"
            + " etait suis avec pour dans sur par sans tres tout tous toute rien c'est cest j'ai jai n'est qu'il au aux"
            + " comme bien aussi encore deja ici oui non y a",
        // Spanish
        "el la los las un una unos unas y o pero no ni que de del al en con por para sin sobre es son fue era soy"
            + " eres esta estan estoy este esto eso ese yo tu ella nosotros ustedes ellos ellas me te se le les lo mi"
            + " mis su sus muy mas todo todos nada algo ya tambien porque como cuando donde quien hay si pues asi aqui"
            + " bien a",
        // Portuguese
        "o a os as um uma uns umas e ou mas nao que de do da dos das no na nos nas em com por para sem sobre foi"
            + " era sou esta estao estou este isso esse essa eu voce voces ele ela eles elas me te se lhe meu minha"
            + " seu sua muito mais tudo nada ja tambem porque como quando onde quem tem sim aqui bem entao",
        // Italian
        "il lo la i gli le un uno una e ed o ma non che di del della dei delle da dal in con per su tra fra sono"
            + " era io tu lui lei noi voi loro mi ti si ci vi mio mia tuo tua suo sua molto piu tutto tutti niente"
            + " gia anche perche come quando dove chi c'e questo questa quello quella qui cosi bene sempre solo ho hai",
        // Dutch
        "de het een en of maar niet geen is zijn was waren ben bent heeft hebben had ik jij je hij zij ze wij we"
            + " jullie mij me mijn jouw haar ons onze dit dat deze die er hier daar wat wie waar waarom hoe als dan"
            + " ook nog al wel heel zo naar van voor met op aan bij uit om te tot door over kan moet wordt worden",
        // Turkish
        "bir ve veya ama fakat bu su o ben sen biz siz onlar beni seni bana sana benim senin icin ile gibi kadar"
            + " da de ki mi mu degil var yok ne neden nasil cok daha en her hic sadece bile simdi burada evet hayir"
            + " olan oldu olarak diye",
        // Polish
        "i w we z ze na do od po za o u a ale lub czy nie tak to jest sa byl byla jestem jestes ja ty on ona my"
            + " wy oni mnie cie mu jej ich moj twoj jego ten ta te tego tej co kto gdzie dlaczego jak kiedy juz tez"
            + " tylko bardzo wszystko nic sie jesli jeszcze tutaj",
        // Indonesian and Malay
        "yang dan di ke dari ini itu dengan untuk tidak tak ada adalah akan sudah belum saya aku kamu anda dia kami"
            + " kita mereka apa siapa mana kenapa bagaimana juga lagi saja hanya sangat sekali bisa harus karena tapi"
            + " atau jika kalau pada dalam oleh gak nggak ya",
        // Swedish
        "och att det som en ett ar var har inte jag du han hon vi ni de den detta men eller for med pa av till"
            + " fran om sa kan ska vad hur nar varfor ocksa bara mycket",
        // Danish and Norwegian
        "og at det som en et er var har ikke jeg du han hun vi de den dette men eller for med pa af til fra om sa"
            + " kan skal hva hvad hvordan nar hvorfor ogsa bare mye meget",
        // Romanian
        "si sau dar nu este sunt era eu tu el ea noi voi ei ele de la in pe cu din pentru ca care ce cine unde"
            + " cum cand foarte mai tot toate nimic acest aceasta asta fost sa se ma te il o un una",
        // Czech and Slovak
        "a i je jsou byl to ten ta ty se na v ve z do od po pro s o u ale nebo ne jsem jsi ja on ona my vy oni co"
            + " kto kdo kde proc jak kdy uz taky jen velmi vsechno nic ze protoze tak som si",
        // Hungarian
        "a az egy es vagy de nem is van volt vannak en te o mi ti ok hogy mert ha mint csak mar meg most itt ott"
            + " ez azt ezt nagyon minden semmi kell lehet",
        // Finnish
        "ja tai mutta ei on oli ovat olen olet mina sina han me te he se tama tuo etta koska kun jos niin kuin"
            + " vain jo viela myos nyt taalla siella mita kuka missa miksi miten hyvin kaikki mitaan",
        // Tagalog
        "ang ng mga sa na at ay si ni ko mo ka ako ikaw siya kami tayo kayo sila hindi oo wala may mayroon ito"
            + " iyan iyon dito doon ano sino saan bakit paano kung pero lang din rin ba naman po",
        // Swahili
        "na ya wa kwa ni za la katika hii hiyo huo ile yule mimi wewe yeye sisi ninyi wao si hapana ndiyo lakini"
            + " au kama sana pia tu nini nani wapi vipi kuna hakuna",
    };
    private static final int LANGUAGES = FUNCTION_WORDS.length;
    /** Hashes of every function word, sorted, and for each the set of languages (bit i: list i) it belongs to. */
    private static final int[] WORD_HASHES;
    private static final int[] WORD_LANGUAGES;
    /** Latin-1 Supplement and Latin Extended-A and -B (U+00C0–U+024F), each folded to its base letter. */
    private static final char[] LATIN_FOLD = new char[0x250 - 0xC0];
    /** Latin Extended Additional (U+1E00–U+1EFF, Vietnamese among others), likewise. */
    private static final char[] LATIN_ADDITIONAL_FOLD = new char[0x100];

    static {
        for (int c = 0xC0; c < 0x250; c++) {
            LATIN_FOLD[c - 0xC0] = baseLetter(c);
        }
        for (int c = 0; c < 0x100; c++) {
            LATIN_ADDITIONAL_FOLD[c] = baseLetter(0x1E00 + c);
        }
        LATIN_FOLD['ß' - 0xC0] = 's';
        LATIN_FOLD['ı' - 0xC0] = 'i';
        LATIN_FOLD['ł' - 0xC0] = 'l';
        LATIN_FOLD['Ł' - 0xC0] = 'l';
        LATIN_FOLD['ø' - 0xC0] = 'o';
        LATIN_FOLD['Ø' - 0xC0] = 'o';
        LATIN_FOLD['đ' - 0xC0] = 'd';
        LATIN_FOLD['Đ' - 0xC0] = 'd';
        java.util.Map<Integer, Integer> languages = new java.util.TreeMap<>();
        for (int language = 0; language < LANGUAGES; language++) {
            for (String word : FUNCTION_WORDS[language].split(" ")) {
                languages.merge(hash(word), 1 << language, (a, b) -> a | b);
            }
        }
        WORD_HASHES = languages.keySet().stream().mapToInt(Integer::intValue).toArray();
        WORD_LANGUAGES = languages.values().stream().mapToInt(Integer::intValue).toArray();
    }

    private Language() {
    }

    /**
     * Which language {@code text} is in, as far as the model is concerned. Costs one pass over the text
     * (about a microsecond per 100 characters).
     */
    static Guess guess(String text) {
        float[] scores = new float[LANGUAGES];
        int[] seen = new int[MAX_DISTINCT + 1];
        int words = 0;
        int latinLetters = 0;
        int accented = 0;
        int otherScript = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!Character.isLetter(cp)) {
                i += Character.charCount(cp);
                if ((cp == '@' || cp == '#') && i < n && Character.isLetterOrDigit(text.charAt(i))
                        || cp == '/' && i < n && text.charAt(i) == '/') {
                    i = skipToken(text, i); // @mention, #hashtag, the rest of scheme://…
                }
                continue;
            }
            if (text.startsWith("www.", i) || text.startsWith("http", i) && isUrl(text, i)) {
                i = skipToken(text, i);
                continue;
            }
            // one word: letters and inner apostrophes
            int h = FNV_OFFSET;
            int latin = 0;
            int other = 0;
            while (i < n) {
                cp = text.codePointAt(i);
                char folded;
                if (cp < 0x80) {
                    if (cp == '\'' && i + 1 < n && Character.isLetter(text.charAt(i + 1)) && latin > 0) {
                        folded = '\'';
                    } else if (cp >= 'A' && cp <= 'Z' || cp >= 'a' && cp <= 'z') {
                        folded = (char) (cp | 0x20);
                        latin++;
                    } else {
                        break;
                    }
                } else if (cp == '\u2019' && i + 1 < n && Character.isLetter(text.charAt(i + 1)) && latin > 0) {
                    folded = '\'';
                } else if (!Character.isLetter(cp)) {
                    break;
                } else if (cp >= 0xC0 && cp < 0x250) {
                    folded = LATIN_FOLD[cp - 0xC0];
                    latin++;
                    accented++;
                } else if (cp >= 0x1E00 && cp < 0x1F00) {
                    folded = LATIN_ADDITIONAL_FOLD[cp - 0x1E00];
                    latin++;
                    accented++;
                } else if (Character.UnicodeScript.of(cp) == Character.UnicodeScript.LATIN) {
                    folded = (char) Character.toLowerCase(cp);
                    latin++;
                    accented++;
                } else {
                    folded = 0;
                    other += scriptWeight(cp);
                }
                h = (h ^ folded) * FNV_PRIME;
                i += Character.charCount(cp);
            }
            if (latin + other == 1 && latin == 1) {
                // a single letter is a word in many languages (y, o, w, z, e), and spelled-out letters
                // (U.S., F a k e) or initials in English; only a capital I is telling
                if (text.charAt(i - 1) == 'I') {
                    words++;
                    latinLetters++;
                    scores[0]++;
                }
            } else if (latin > 0) {
                words++;
                latinLetters += latin + other;
                count(h, scores, seen);
            } else {
                otherScript += other;
            }
        }
        return decide(scores, words, latinLetters, accented, otherScript);
    }

    private static Guess decide(float[] scores, int words, int latinLetters, int accented, int otherScript) {
        if (otherScript >= 4 && otherScript > latinLetters) {
            return Guess.OTHER;
        }
        if (words < MIN_WORDS) {
            return Guess.UNKNOWN;
        }
        float english = scores[0];
        float other = 0;
        for (int language = 1; language < LANGUAGES; language++) {
            other = Math.max(other, scores[language]);
        }
        // another language's function words clearly outnumber English ones
        if (other >= 1.5f && other >= 2 * english && other >= 0.12f * words) {
            return Guess.OTHER;
        }
        // a longer text with hardly any English function word, in a language written with accents or one
        // whose function words are listed (an English headline has few function words, but not theirs)
        if (words >= 8 && english < 0.04f * words && (accented >= 0.03f * latinLetters || other >= 3)) {
            return Guess.OTHER;
        }
        return english >= 1 ? Guess.ENGLISH : Guess.UNKNOWN;
    }

    /**
     * Counts a function word for its languages, once per text: a repeated word ("ha ha ha", "Pro-Life …
     * Pro-Abortion") says no more about the language than one. {@code seen[0]} is how many are recorded.
     */
    private static void count(int hash, float[] scores, int[] seen) {
        int at = java.util.Arrays.binarySearch(WORD_HASHES, hash);
        if (at < 0) {
            return;
        }
        for (int k = 1; k <= seen[0]; k++) {
            if (seen[k] == at) {
                return;
            }
        }
        if (seen[0] < seen.length - 1) {
            seen[++seen[0]] = at;
        }
        int set = WORD_LANGUAGES[at];
        float share = 1f / Integer.bitCount(set);
        for (int language = 0; language < LANGUAGES; language++) {
            if ((set & (1 << language)) != 0) {
                scores[language] += share;
            }
        }
    }

    /**
     * How much one letter of another script weighs against Latin letters: a Chinese or Japanese character
     * is about a word, a Hangul syllable about a syllable, other scripts spell with letters as Latin does.
     */
    private static int scriptWeight(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return switch (script) {
            case HAN, HIRAGANA, KATAKANA -> 3;
            case HANGUL -> 2;
            default -> 1;
        };
    }

    private static boolean isUrl(String text, int i) {
        return text.startsWith("http://", i) || text.startsWith("https://", i);
    }

    private static int skipToken(String text, int i) {
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static char baseLetter(int cp) {
        String base = java.text.Normalizer.normalize(Character.toString(cp), java.text.Normalizer.Form.NFD);
        return Character.toLowerCase(base.charAt(0));
    }

    private static int hash(String word) {
        int h = FNV_OFFSET;
        for (int k = 0; k < word.length(); k++) {
            h = (h ^ word.charAt(k)) * FNV_PRIME;
        }
        return h;
    }
}
