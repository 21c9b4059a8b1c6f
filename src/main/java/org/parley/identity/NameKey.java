package org.parley.identity;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * A display name reduced to what a reader sees at a glance, so "Rob G", "rob g", "Röb_G" and "Rоb G" (with a
 * Cyrillic о) give one key: compatibility forms and case folded, accents dropped, look-alike letters mapped to one
 * prototype (the confusable skeleton of Unicode TS #39), and everything that is not a letter or digit removed.
 */
final class NameKey {

    private static final Normalizer2 FOLD = Normalizer2.getNFKCCasefoldInstance();
    private static final Normalizer2 DECOMPOSE = Normalizer2.getNFDInstance();
    private static final SpoofChecker CONFUSABLES = new SpoofChecker.Builder().build();

    private NameKey() {
    }

    static String of(String name) {
        String skeleton = CONFUSABLES.getSkeleton(withoutMarks(FOLD.normalize(name)));
        // The skeleton's prototypes may be capitals or decomposed again; fold once more so every path meets.
        String folded = withoutMarks(FOLD.normalize(skeleton));
        StringBuilder key = new StringBuilder(folded.length());
        folded.codePoints().filter(UCharacter::isLetterOrDigit).forEach(key::appendCodePoint);
        return key.toString();
    }

    private static String withoutMarks(String text) {
        String decomposed = DECOMPOSE.normalize(text);
        StringBuilder kept = new StringBuilder(decomposed.length());
        decomposed.codePoints()
                .filter(c -> UCharacter.getType(c) != UCharacter.NON_SPACING_MARK
                        && UCharacter.getType(c) != UCharacter.ENCLOSING_MARK)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }
}
