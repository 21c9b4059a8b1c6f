package org.parley.abuse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.parley.abuse.Example.Source;
import org.parley.abuse.Example.Split;

/**
 * Training texts Parley writes itself, to teach what the public data sets (mostly tweets) cannot:
 * <ul>
 *   <li>identity terms: neutral sentences that name who someone is ({@code abuse/neutral-identity.txt}),
 *       never abusive, so that naming a group does not make a comment abusive;</li>
 *   <li>counter-speech: sentences that deny an insult, speak up against abuse or address the reader
 *       civilly ({@code abuse/counter-speech.txt}), never abusive, so that "you" and a harsh word in the
 *       same sentence, or a negated insult, are not taken for an attack by themselves;</li>
 *   <li>news comments: long, argued, sometimes blunt comments about events and institutions
 *       ({@code abuse/neutral-comments.txt}), never abusive, so that the vocabulary of the news (crime,
 *       war, lies, propaganda) and mild profanity aimed at no one are not taken for abuse;</li>
 *   <li>labelled news comments: hostile replies (abusive) beside blunt and civil comments (clean), the
 *       comment-section situations the public data barely have ({@link #labelledComments}).</li>
 * </ul>
 */
final class Augmentation {

    static final String NEUTRAL_IDENTITY = "abuse/neutral-identity.txt";
    static final String COUNTER_SPEECH = "abuse/counter-speech.txt";
    static final String NEUTRAL_COMMENTS = "abuse/neutral-comments.txt";
    static final String HOSTILE_COMMENTS = "abuse/hostile-comments.txt";
    static final String BLUNT_COMMENTS = "abuse/blunt-comments.txt";
    static final String CIVIL_COMMENTS = "abuse/civil-comments.txt";
    /** Threats, wishes of harm, dehumanising statements and slurs without swear words (abusive). */
    static final String THREATS = "abuse/threats-dehumanising.txt";
    /** Quoted-and-countered hate, identity mentions, violence reported plainly, swearing at no one (clean). */
    static final String HARD_CLEAN = "abuse/clean-hard-cases.txt";

    private Augmentation() {
    }

    static final String IDENTITY_TERMS = "abuse/identity-terms.txt";

    /** The words {@link Features} maps to one shared identity token, from {@link #IDENTITY_TERMS}. */
    static List<String> identityTerms() {
        return resource(IDENTITY_TERMS).lines()
                .filter(line -> !line.startsWith("#"))
                .flatMap(line -> Arrays.stream(line.strip().split("\\s+")))
                .filter(term -> !term.isEmpty())
                .toList();
    }

    private static String resource(String name) {
        try (InputStream in = Augmentation.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing " + name + " on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + name, e);
        }
    }

    /** Every neutral identity sentence, expanded over its term list. */
    static List<Example> neutralIdentity() {
        String text = resource(NEUTRAL_IDENTITY);
        List<String> adjectives = new ArrayList<>();
        List<String> plurals = new ArrayList<>();
        List<String> adjectiveTemplates = new ArrayList<>();
        List<String> pluralTemplates = new ArrayList<>();
        for (String line : text.lines().toList()) {
            int colon = line.indexOf(": ");
            if (line.startsWith("#") || colon < 0) {
                continue;
            }
            String value = line.substring(colon + 2).strip();
            switch (line.substring(0, colon)) {
                case "adj" -> adjectives.addAll(Arrays.stream(value.split(",")).map(String::strip).toList());
                case "plural" -> plurals.addAll(Arrays.stream(value.split(",")).map(String::strip).toList());
                case "adj-template" -> adjectiveTemplates.add(value);
                case "plural-template" -> pluralTemplates.add(value);
                default -> throw new IllegalStateException(NEUTRAL_IDENTITY + ": unknown line kind in '" + line + "'");
            }
        }
        List<Example> out = new ArrayList<>();
        for (String template : adjectiveTemplates) {
            adjectives.forEach(term -> out.add(new Example(template.replace("{}", term), false, Source.PARLEY, Split.TRAIN)));
        }
        for (String template : pluralTemplates) {
            plurals.forEach(term -> out.add(new Example(template.replace("{}", term), false, Source.PARLEY, Split.TRAIN)));
        }
        return out;
    }

    /** Every counter-speech sentence, templates expanded over their word lists. */
    static List<Example> counterSpeech() {
        List<String> nouns = new ArrayList<>();
        List<String> adjectives = new ArrayList<>();
        List<String> nounTemplates = new ArrayList<>();
        List<String> adjectiveTemplates = new ArrayList<>();
        List<String> sentences = new ArrayList<>();
        for (String line : resource(COUNTER_SPEECH).lines().toList()) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int colon = line.indexOf(": ");
            String kind = colon < 0 ? "" : line.substring(0, colon);
            String value = colon < 0 ? line : line.substring(colon + 2).strip();
            switch (kind) {
                case "noun" -> nouns.addAll(Arrays.stream(value.split(",")).map(String::strip).toList());
                case "adj" -> adjectives.addAll(Arrays.stream(value.split(",")).map(String::strip).toList());
                case "noun-template" -> nounTemplates.add(value);
                case "adj-template" -> adjectiveTemplates.add(value);
                default -> sentences.add(line.strip());
            }
        }
        List<Example> out = new ArrayList<>();
        for (String template : nounTemplates) {
            nouns.forEach(word -> out.add(new Example(template.replace("{}", word), false, Source.PARLEY_COUNTER_SPEECH, Split.TRAIN)));
        }
        for (String template : adjectiveTemplates) {
            adjectives.forEach(word -> out.add(new Example(template.replace("{}", word), false, Source.PARLEY_COUNTER_SPEECH, Split.TRAIN)));
        }
        sentences.forEach(sentence -> out.add(new Example(sentence, false, Source.PARLEY_COUNTER_SPEECH, Split.TRAIN)));
        return out;
    }

    /** Every legitimate news comment of {@link #NEUTRAL_COMMENTS}, one per line. */
    static List<Example> neutralComments() {
        return resource(NEUTRAL_COMMENTS).lines()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> new Example(line.strip(), false, Source.PARLEY_COMMENTS, Split.TRAIN))
                .toList();
    }

    /**
     * Short and medium news comments labelled both ways: hostile replies to other readers and to groups
     * ({@link #HOSTILE_COMMENTS}, abusive); blunt, angry or profane comments about events and
     * institutions ({@link #BLUNT_COMMENTS}) and everyday civil ones that use the hostile lines'
     * vocabulary of threads, posts and accounts ({@link #CIVIL_COMMENTS}), both clean; threats and
     * dehumanising statements without swear words ({@link #THREATS}, abusive) and the hard clean cases
     * beside them ({@link #HARD_CLEAN}). One source, so
     * each class weighs half of it. One comment in five (a fixed pseudo-random choice) is a validation
     * comment: the stacking weights and the thresholds are chosen on news comments too, not only on tweets.
     */
    static List<Example> labelledComments() {
        List<Example> out = new ArrayList<>();
        for (String name : List.of(HOSTILE_COMMENTS, BLUNT_COMMENTS, CIVIL_COMMENTS, THREATS, HARD_CLEAN)) {
            boolean abusive = name.equals(HOSTILE_COMMENTS) || name.equals(THREATS);
            resource(name).lines()
                    .filter(line -> !line.startsWith("#") && !line.isBlank())
                    .forEach(line -> out.add(new Example(line.strip(), abusive, Source.PARLEY_LABELLED,
                            DataSets.bucket(out.size(), 5) == 0 ? Split.VALIDATION : Split.TRAIN)));
        }
        return out;
    }
}
