package org.parley.screening;

import java.util.Optional;

/** Comparing a comment as typed with the text its readers see (markup gone, character references decoded). */
final class ScreenedText {

    private ScreenedText() {
    }

    /**
     * True when both read the same, whatever the spacing and line breaks between words: then judging the
     * typed text judges what readers see. Any markup or character reference makes them differ.
     */
    static boolean same(String typed, String seen) {
        return spaced(typed).equals(spaced(seen));
    }

    /** Where {@code text} first stands in {@code typed}, if it does. */
    static Optional<Integer> find(String typed, String text) {
        int at = text.isEmpty() ? -1 : typed.indexOf(text);
        return at < 0 ? Optional.empty() : Optional.of(at);
    }

    private static String spaced(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
