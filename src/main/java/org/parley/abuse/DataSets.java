package org.parley.abuse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.abuse.Example.Source;
import org.parley.abuse.Example.Split;

/**
 * Reads the public abuse data sets (the layout of {@code shared/data/toxicity}, one folder per source,
 * each with its SOURCE.md) and maps each to abusive / not abusive:
 * <ul>
 *   <li>OLID (OffensEval 2019): {@code OFF} is abusive. Train and validation are TweetEval's split of the
 *       OLID training tweets ({@code tweeteval/offensive}); test is the official OLID level-A test.</li>
 *   <li>ConvAbuse: abusive when more annotators chose "abusive" (-1..-3) than "not" or "ambiguous" (1, 0);
 *       ties are dropped. Official train / valid / test.</li>
 *   <li>Davidson 2017: hate speech or offensive language is abusive. No official split: a fixed
 *       80/10/10 split by row number and {@link #SPLIT_SEED}.</li>
 *   <li>HateXplain: offensive or hate speech is abusive. Its training file is split 90/10 into train and
 *       validation with {@link #SPLIT_SEED}; its test file is the test split.</li>
 * </ul>
 * Source-specific markup is undone here, never in the normalizer: HTML entities and retweet markers
 * (Davidson), {@code URL} (OLID), {@code <user>} / {@code <number>} tokens (HateXplain).
 */
final class DataSets {

    static final long SPLIT_SEED = 2017;

    private static final Pattern ENTITY = Pattern.compile("&(#\\d+|#x[0-9a-fA-F]+|amp|lt|gt|quot|apos);");
    private static final Pattern RETWEET = Pattern.compile("(^|\\s)RT(?=\\s|:|$)");
    private static final Pattern OLID_URL = Pattern.compile("\\bURL\\b");
    private static final Pattern HATEXPLAIN_TOKEN = Pattern.compile("'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\"");

    private DataSets() {
    }

    /**
     * Every example of every source found under {@code dir}, labelled by the product's definition: abuse
     * aimed at someone (docs/MODEL.md, "Data and licenses"); fails naming a missing file.
     */
    static List<Example> load(Path dir) {
        List<Example> all = new ArrayList<>();
        all.addAll(olid(dir.resolve("tweeteval").resolve("offensive"), dir.resolve("olid")));
        all.addAll(convAbuse(dir.resolve("convabuse")));
        all.addAll(davidson(dir.resolve("davidson2017")));
        all.addAll(hateXplain(dir.resolve("hatexplain")));
        return all;
    }

    /**
     * OLID. Train and validation: only a targeted insult or threat ({@code TIN}) is abusive, untargeted
     * profanity ({@code UNT}) is not. TweetEval's tweets carry only the level-A label; their level-B label
     * is found by matching each tweet to the official training file on its letters and digits (mentions
     * and {@code URL} markers left out). Every TweetEval tweet matches; a few texts occur twice in the
     * official file with different labels, and those keep their level-A label. The test split stays level
     * A ({@code OFF}), the benchmark, with a second row, {@link Source#OLID_TARGETED}, scoring level B.
     */
    static List<Example> olid(Path tweetEval, Path olid) {
        Map<String, String> levelB = new HashMap<>();
        List<String> official = lines(olid.resolve("olid-training-v1.0.tsv"));
        for (String line : official.subList(1, official.size())) {
            String[] cells = line.split("\t");
            if (cells.length >= 4) {
                levelB.merge(matchKey(cells[1]), cells[2] + "/" + cells[3], (a, b) -> a.equals(b) ? a : "?");
            }
        }
        List<Example> out = new ArrayList<>();
        for (var split : Map.of("train", Split.TRAIN, "val", Split.VALIDATION).entrySet().stream()
                .sorted(Map.Entry.comparingByValue()).toList()) {
            List<String> texts = lines(tweetEval.resolve(split.getKey() + "_text.txt"));
            List<String> labels = lines(tweetEval.resolve(split.getKey() + "_labels.txt"));
            for (int i = 0; i < texts.size(); i++) {
                boolean offensive = labels.get(i).strip().equals("1");
                boolean abusive = offensive && !"OFF/UNT".equals(levelB.get(matchKey(texts.get(i))));
                out.add(new Example(olidText(texts.get(i)), abusive, Source.OLID, split.getValue()));
            }
        }
        Map<String, String> goldB = new HashMap<>();
        for (List<String> row : Csv.parse(read(olid.resolve("labels-levelb.csv")))) {
            if (row.size() == 2) {
                goldB.put(row.get(0), row.get(1));
            }
        }
        Map<String, String> gold = new HashMap<>();
        for (List<String> row : Csv.parse(read(olid.resolve("labels-levela.csv")))) {
            if (row.size() == 2) {
                gold.put(row.get(0), row.get(1));
            }
        }
        List<String> test = lines(olid.resolve("testset-levela.tsv"));
        for (String line : test.subList(1, test.size())) {
            String[] cells = line.split("\t", 2);
            String label = gold.get(cells[0]);
            if (label == null) {
                throw new IllegalStateException("OLID test tweet " + cells[0] + " has no gold label in labels-levela.csv");
            }
            out.add(new Example(olidText(cells[1]), label.equals("OFF"), Source.OLID, Split.TEST));
            out.add(new Example(olidText(cells[1]), "TIN".equals(goldB.get(cells[0])), Source.OLID_TARGETED, Split.TEST));
        }
        return out;
    }

    /** An OLID tweet's letters and digits, lower case, without mentions and {@code URL} markers. */
    static String matchKey(String tweet) {
        String lower = tweet.toLowerCase(java.util.Locale.ROOT).replace("@user", "").replace("url", "");
        StringBuilder key = new StringBuilder(lower.length());
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                key.append(c);
            }
        }
        return key.toString();
    }

    private static String olidText(String raw) {
        return OLID_URL.matcher(raw).replaceAll("http://url");
    }

    static List<Example> convAbuse(Path dir) {
        List<Example> out = new ArrayList<>();
        for (var split : List.of(Map.entry("train", Split.TRAIN), Map.entry("valid", Split.VALIDATION), Map.entry("test", Split.TEST))) {
            List<List<String>> rows = Csv.parse(read(dir.resolve("ConvAbuseEMNLP" + split.getKey() + ".csv")));
            List<String> header = rows.getFirst();
            int user = header.indexOf("user");
            for (List<String> row : rows.subList(1, rows.size())) {
                int abusive = 0;
                int not = 0;
                for (int c = 0; c < header.size() && c < row.size(); c++) {
                    String name = header.get(c);
                    if (name.contains("_is_abuse.") && row.get(c).contains("1")) {
                        if (name.endsWith(".-1") || name.endsWith(".-2") || name.endsWith(".-3")) {
                            abusive++;
                        } else {
                            not++;
                        }
                    }
                }
                if (abusive != not) {
                    out.add(new Example(row.get(user), abusive > not, Source.CONVABUSE, split.getValue()));
                }
            }
        }
        return out;
    }

    /** Davidson et al.: hate speech against neither; "offensive language" (mostly profanity) is left out. */
    static List<Example> davidson(Path dir) {
        List<Example> out = new ArrayList<>();
        List<List<String>> rows = Csv.parse(read(dir.resolve("labeled_data.csv")));
        List<String> header = rows.getFirst();
        int label = header.indexOf("class");
        int tweet = header.indexOf("tweet");
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String text = RETWEET.matcher(entities(row.get(tweet))).replaceAll("$1");
            int bucket = bucket(r, 10);
            Split split = bucket < 8 ? Split.TRAIN : bucket == 8 ? Split.VALIDATION : Split.TEST;
            String category = row.get(label);
            if (!category.equals("1")) {
                out.add(new Example(text, category.equals("0"), Source.DAVIDSON, split));
            }
        }
        return out;
    }

    static List<Example> hateXplain(Path dir) {
        List<Example> out = new ArrayList<>();
        for (var split : List.of(Map.entry("train", Split.TRAIN), Map.entry("test", Split.TEST))) {
            List<List<String>> rows = Csv.parse(read(dir.resolve("hatexplain_" + split.getKey() + ".csv")));
            for (int r = 1; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                Split actual = split.getValue() == Split.TRAIN && bucket(r, 10) == 0 ? Split.VALIDATION : split.getValue();
                out.add(new Example(hateXplainText(row.get(0)), !row.get(2).equals("normal"), Source.HATEXPLAIN, actual));
            }
        }
        return out;
    }

    private static String hateXplainText(String pythonList) {
        StringBuilder text = new StringBuilder();
        Matcher token = HATEXPLAIN_TOKEN.matcher(pythonList);
        while (token.find()) {
            String word = token.group(1) != null ? token.group(1) : token.group(2);
            word = word.replace("\\'", "'").replace("\\\"", "\"").replace("\\\\", "\\");
            word = switch (word) {
                case "<user>" -> "@user";
                case "<number>", "<percent>", "<money>", "<date>", "<time>" -> "0";
                case "<censored>" -> "*";
                default -> word;
            };
            text.append(text.isEmpty() ? "" : " ").append(word);
        }
        return text.toString();
    }

    /** Decodes the HTML entities Davidson's tweets kept ({@code &amp;}, {@code &#8220;} …). */
    static String entities(String text) {
        return ENTITY.matcher(text).replaceAll(m -> {
            String name = m.group(1);
            String decoded = switch (name) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    int cp = name.startsWith("#x") ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                    yield Character.isValidCodePoint(cp) ? new String(Character.toChars(cp)) : " ";
                }
            };
            return Matcher.quoteReplacement(decoded);
        });
    }

    /** A stable pseudo-random bucket in {@code [0, buckets)} for row {@code row}. */
    static int bucket(int row, int buckets) {
        long h = (row + SPLIT_SEED) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 31;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 29;
        return (int) Long.remainderUnsigned(h, buckets);
    }

    private static List<String> lines(Path file) {
        return read(file).lines().toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("reading data set file " + file, e);
        }
    }
}
