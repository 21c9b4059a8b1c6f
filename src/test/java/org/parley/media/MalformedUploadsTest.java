package org.parley.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.http.ParleyException;

/**
 * Seeded corruptions of valid files (flipped bytes, cut-offs, spliced garbage): each is either stored or
 * refused with a 4xx problem — never another exception, which the web layer would turn into a 500.
 */
class MalformedUploadsTest {

    static final int MUTANTS_PER_FORMAT = 150;

    final Reencoder reencoder = new Reencoder(MediaConfig.defaults());

    static Stream<Arguments> originals() {
        return Stream.of(
                Arguments.of("JPEG", TestImages.withSegments(TestImages.jpeg(TestImages.photoLike(24, 16, 1)), TestImages.exifSegment(6))),
                Arguments.of("PNG", TestImages.png(TestImages.transparentDisc(20))),
                Arguments.of("GIF", TestImages.animatedGif(TestImages.halves(12, 8), TestImages.solid(12, 8, TestImages.BLUE))),
                Arguments.of("WebP", TestImages.webpSolidWithExif(6, 4, 0xFF112233, 3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("originals")
    void corruptedFilesAreStoredOrRefusedNeverCrash(String format, byte[] original) {
        Random random = new Random(format.hashCode());
        List<String> crashes = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < MUTANTS_PER_FORMAT; i++) {
            byte[] mutant = mutate(original, random);
            try {
                reencoder.reencode(mutant);
            } catch (ParleyException e) {
                assertThat(e.type().status()).isBetween(400, 499);
                refused++;
            } catch (RuntimeException e) {
                crashes.add("mutant " + i + ": " + e);
            }
        }
        assertThat(crashes).as("%s mutants that escaped as something other than a problem", format).isEmpty();
        assertThat(refused).as("some mutants are refused").isPositive();
    }

    private static byte[] mutate(byte[] original, Random random) {
        byte[] out = original.clone();
        switch (random.nextInt(4)) {
            case 0 -> {
                for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
                    out[random.nextInt(out.length)] = (byte) random.nextInt(256);
                }
            }
            case 1 -> out = java.util.Arrays.copyOf(out, 1 + random.nextInt(out.length));
            case 2 -> {
                int at = random.nextInt(out.length);
                byte[] garbage = new byte[1 + random.nextInt(64)];
                random.nextBytes(garbage);
                System.arraycopy(garbage, 0, out, at, Math.min(garbage.length, out.length - at));
            }
            default -> {
                // a header field (sizes, lengths) set to an extreme
                int at = Math.min(out.length - 1, 4 + random.nextInt(Math.min(60, out.length)));
                out[at] = random.nextBoolean() ? (byte) 0xFF : 0;
            }
        }
        return out;
    }
}
