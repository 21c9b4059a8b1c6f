package org.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parley.abuse.Abuse;
import org.parley.abuse.AbuseAssessment;

/**
 * Time to score one 400-character comment with the shipped abuse model, explanation included, as
 * moderation will call it on every post: with the sentence encoder ({@code encoder=on}, the default in
 * production) and with the fast model alone ({@code off}), side by side in one run. SampleTime mode, so JMH reports p50/p90/p99/p99.9.
 * The comments are 256 different 400-character texts built from a fixed vocabulary and seed, mixing
 * ordinary words with insults, misspellings and non-ASCII letters, so no branch or cache sees the
 * same text twice in a row.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgs = {"-Xmx512m", "--enable-native-access=ALL-UNNAMED"})
public class AbuseBenchmark {

    private static final String[] WORDS = (
            "the council said its figures were checked twice but readers asked who counted them and why "
            + "the harbour budget grew again this year while bus routes closed in three districts "
            + "honestly this report reads like a press release and I expected better from the paper "
            + "you clueless idiot stop pushing propaganda nobody believes your lies troll STUUUPID b!tch "
            + "café naïve Zürich résumé ﬁnal ＡＢＣ @someone #election https://example.org/story?id=7 "
            + "shut up already — what a pathetic excuse for journalism, utterly shameful and dishonest 2019 15km²")
            .split(" ");
    private static final int LENGTH = 400;

    @Param({"on", "off"})
    public String encoder;

    private Abuse abuse;
    private String[] comments;
    private int next;

    @Setup
    public void setUp() {
        abuse = encoder.equals("on") ? Abuse.create() : Abuse.createFastOnly();
        if (encoder.equals("on") && abuse.fastOnlyBecause().isPresent()) {
            throw new IllegalStateException("the encoder does not run here: " + abuse.fastOnlyBecause().get());
        }
        SplittableRandom random = new SplittableRandom(42);
        List<String> built = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            StringBuilder text = new StringBuilder();
            while (text.length() < LENGTH) {
                text.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(12) == 0 ? ". " : " ");
            }
            built.add(text.substring(0, LENGTH));
        }
        comments = built.toArray(String[]::new);
    }

    @Benchmark
    public AbuseAssessment assess400Chars() {
        String text = comments[next];
        next = (next + 1) & 255;
        return abuse.assess(text);
    }
}
