package org.parley.abuse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer.Form;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The tokenizer of an uncased BERT-family encoder, read from the {@code tokenizer.json} shipped beside
 * its weights: clean the text, space out CJK ideographs, lower-case, drop accents, split at whitespace and
 * punctuation, then cut each word into the longest vocabulary pieces from its start ({@code ##} marks a
 * piece that continues a word); a word with no such cut is {@code [UNK]}. Written for Parley rather than
 * taken from a tokenizer library so that no second native library (and no writable home directory for
 * it) is needed. Immutable and thread-safe.
 */
final class WordPiece {

    /** A word longer than this is one {@code [UNK]}, as in the reference tokenizer. */
    private static final int MAX_WORD_CHARS = 100;

    private final Map<String, Integer> vocabulary;
    private final int unknown;
    private final int start;
    private final int end;

    private WordPiece(Map<String, Integer> vocabulary) {
        this.vocabulary = vocabulary;
        this.unknown = id(vocabulary, "[UNK]");
        this.start = id(vocabulary, "[CLS]");
        this.end = id(vocabulary, "[SEP]");
    }

    /** Reads the WordPiece vocabulary of a Hugging Face {@code tokenizer.json}. */
    static WordPiece read(InputStream tokenizerJson) throws IOException {
        JsonNode model = new ObjectMapper().readTree(tokenizerJson).path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new IOException("not a WordPiece tokenizer: " + model.path("type").asText("no model type"));
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            vocabulary.put(entry.getKey(), entry.getValue().asInt());
        }
        return new WordPiece(vocabulary);
    }

    private static int id(Map<String, Integer> vocabulary, String token) {
        Integer id = vocabulary.get(token);
        if (id == null) {
            throw new IllegalArgumentException("the vocabulary has no " + token);
        }
        return id;
    }

    /**
     * The token ids of {@code text} between {@code [CLS]} and {@code [SEP]}, at most {@code maxTokens} in
     * all (the rest is cut off).
     */
    int[] encode(String text, int maxTokens) {
        int[] ids = new int[maxTokens];
        int n = 0;
        ids[n++] = start;
        String cleaned = clean(text);
        int i = 0;
        while (i < cleaned.length() && n < maxTokens - 1) {
            char c = cleaned.charAt(i);
            if (c == ' ') {
                i++;
                continue;
            }
            int wordEnd = i + 1;
            if (!isPunctuation(c)) {
                while (wordEnd < cleaned.length() && cleaned.charAt(wordEnd) != ' ' && !isPunctuation(cleaned.charAt(wordEnd))) {
                    wordEnd++;
                }
            }
            n = pieces(cleaned, i, wordEnd, ids, n, maxTokens - 1);
            i = wordEnd;
        }
        ids[n++] = end;
        return java.util.Arrays.copyOf(ids, n);
    }

    /** Adds the pieces of {@code text[from, to)} to {@code ids} from {@code n}; returns the new count. */
    private int pieces(String text, int from, int to, int[] ids, int n, int limit) {
        if (to - from > MAX_WORD_CHARS) {
            ids[n] = unknown;
            return n + 1;
        }
        int first = n;
        int at = from;
        while (at < to) {
            int pieceEnd = to;
            Integer id = null;
            while (pieceEnd > at) {
                String piece = at == from ? text.substring(at, pieceEnd) : "##" + text.substring(at, pieceEnd);
                id = vocabulary.get(piece);
                if (id != null) {
                    break;
                }
                pieceEnd--;
            }
            if (id == null) {
                ids[first] = unknown;
                return first + 1;
            }
            if (n == limit) {
                return n;
            }
            ids[n++] = id;
            at = pieceEnd;
        }
        return n;
    }

    /**
     * Control characters out, whitespace as one kind of space, spaces around CJK ideographs, lower case
     * without accents (a decomposed letter loses its combining marks).
     */
    private static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == 0 || cp == 0xFFFD) {
                continue;
            }
            if (cp == '\t' || cp == '\n' || cp == '\r' || Character.isWhitespace(cp) || Character.isSpaceChar(cp)) {
                out.append(' ');
            } else if (isControl(cp)) {
                continue;
            } else if (isCjk(cp)) {
                out.append(' ').appendCodePoint(cp).append(' ');
            } else {
                out.appendCodePoint(cp);
            }
        }
        String lower = out.toString().toLowerCase(java.util.Locale.ROOT);
        String decomposed = java.text.Normalizer.normalize(lower, Form.NFD);
        StringBuilder folded = new StringBuilder(decomposed.length());
        for (int i = 0; i < decomposed.length(); i++) {
            char c = decomposed.charAt(i);
            if (Character.getType(c) != Character.NON_SPACING_MARK) {
                folded.append(c);
            }
        }
        return folded.toString();
    }

    private static boolean isControl(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.PRIVATE_USE
                || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }

    /** ASCII symbols count as punctuation too, as in BERT: {@code $}, {@code ^}, {@code `} split words. */
    private static boolean isPunctuation(char c) {
        if ((c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.CONNECTOR_PUNCTUATION || type == Character.DASH_PUNCTUATION
                || type == Character.START_PUNCTUATION || type == Character.END_PUNCTUATION
                || type == Character.INITIAL_QUOTE_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || type == Character.OTHER_PUNCTUATION;
    }
}
