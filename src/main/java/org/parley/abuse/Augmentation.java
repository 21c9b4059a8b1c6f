package org.parley.abuse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.parley.abuse.Example.Source;
import org.parley.abuse.Example.Split;

/**
 * Training examples made from other examples and from Parley's own sentences, to teach what the public
 * data sets (mostly tweets) cannot:
 * <ul>
 *   <li>long comments: several examples of one source joined into one text, abusive when one part is,
 *       so the model learns that length alone says nothing and that one insult in a long comment
 *       still counts;</li>
 *   <li>identity terms: neutral sentences that name who someone is ({@code abuse/neutral-identity.txt}),
 *       never abusive, so that naming a group does not make a comment abusive;</li>
 *   <li>counter-speech: sentences that deny an insult, speak up against abuse or address the reader
 *       civilly ({@code abuse/counter-speech.txt}), never abusive, so that "you" and a harsh word in the
 *       same sentence, or a negated insult, are not taken for an attack by themselves;</li>
 *   <li>news comments: long, argued, sometimes blunt comments about events and institutions
 *       ({@code abuse/neutral-comments.txt}), never abusive, so that the vocabulary of the news (crime,
 *       war, lies, propaganda) and mild profanity aimed at no one are not taken for abuse; each is also
 *       joined with public examples, abusive and clean alike, so that their length teaches nothing.</li>
 * </ul>
 * Deterministic for a given seed.
 */
final class Augmentation {

    static final String NEUTRAL_IDENTITY = "abuse/neutral-identity.txt";
    static final String COUNTER_SPEECH = "abuse/counter-speech.txt";
    static final String NEUTRAL_COMMENTS = "abuse/neutral-comments.txt";

    private Augmentation() {
    }

    /**
     * {@code share} of each source's size in joined examples of 2 to 6 parts from that source: half of
     * them all clean, half with exactly one abusive part, so that length itself carries no label.
     */
    static List<Example> longForm(List<Example> examples, double share, int seed) {
        Random random = new Random(seed);
        List<Example> joined = new ArrayList<>();
        for (Source source : Source.values()) {
            List<Example> clean = examples.stream().filter(e -> e.source() == source && !e.abusive()).toList();
            List<Example> abusive = examples.stream().filter(e -> e.source() == source && e.abusive()).toList();
            int wanted = (int) Math.round((clean.size() + abusive.size()) * share);
            if (clean.isEmpty() || abusive.isEmpty()) {
                continue;
            }
            for (int k = 0; k < wanted; k++) {
                boolean isAbusive = random.nextBoolean();
                int parts = 2 + random.nextInt(5);
                int abusivePart = isAbusive ? random.nextInt(parts) : -1;
                StringBuilder text = new StringBuilder();
                for (int p = 0; p < parts; p++) {
                    List<Example> pool = p == abusivePart ? abusive : clean;
                    text.append(p == 0 ? "" : random.nextBoolean() ? " " : "\n\n").append(pool.get(random.nextInt(pool.size())).text());
                }
                joined.add(new Example(text.toString(), isAbusive, source, Split.TRAIN));
            }
        }
        return joined;
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

    /** How many joined variants {@link #neutralCommentsJoined} makes of each news comment, per class. */
    static final int JOINED_PER_COMMENT = 3;

    /**
     * The news comments again, each {@link #JOINED_PER_COMMENT} times with one abusive example of the
     * public data sets put in at a sentence boundary (labelled abusive) and as many times with one clean
     * example put in (labelled clean), chosen with {@code seed}. Without these, Parley's comments, all
     * long and clean, would teach that length means clean; with them, what separates a clean from an
     * abusive comment of this source is only the part put in, and no single inserted text weighs much.
     */
    static List<Example> neutralCommentsJoined(List<Example> comments, List<Example> given, int seed) {
        List<Example> abusive = given.stream().filter(Example::abusive).toList();
        List<Example> clean = given.stream().filter(e -> !e.abusive()).toList();
        if (abusive.isEmpty() || clean.isEmpty()) {
            return List.of();
        }
        Random random = new Random(seed ^ 0x5EED);
        List<Example> out = new ArrayList<>();
        for (Example comment : comments) {
            String text = comment.text();
            List<Integer> boundaries = new ArrayList<>(List.of(0, text.length()));
            for (int i = 1; i < text.length() - 1; i++) {
                if ((text.charAt(i - 1) == '.' || text.charAt(i - 1) == '?' || text.charAt(i - 1) == '!') && text.charAt(i) == ' ') {
                    boundaries.add(i);
                }
            }
            for (int k = 0; k < 2 * JOINED_PER_COMMENT; k++) {
                boolean isAbusive = k % 2 == 1;
                List<Example> pool = isAbusive ? abusive : clean;
                int at = boundaries.get(random.nextInt(boundaries.size()));
                String insert = pool.get(random.nextInt(pool.size())).text();
                String joined = (text.substring(0, at) + " " + insert + " " + text.substring(at)).strip();
                out.add(new Example(joined, isAbusive, comment.source(), Split.TRAIN));
            }
        }
        return out;
    }
}
