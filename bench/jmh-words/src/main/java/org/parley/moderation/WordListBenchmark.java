package org.parley.moderation;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link WordList#find} on a 2,000-character comment against 100,000 terms, as a latency distribution
 * (SampleTime: JMH reports p50, p90, p99, p99.9 …), and {@link WordList#compile} of those terms.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class WordListBenchmark {

    private List<WordTerm> terms;
    private WordList list;
    private String comment;

    @Setup
    public void setUp() {
        terms = WordListBenchData.terms();
        list = WordList.compile(terms);
        comment = WordListBenchData.comment(terms);
        int matches = list.find(comment).size();
        if (matches == 0) {
            throw new IllegalStateException("the benchmark comment should contain listed terms");
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @Warmup(iterations = 5, time = 2)
    @Measurement(iterations = 5, time = 4)
    public List<WordMatch> find() {
        return list.find(comment);
    }

    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    @Warmup(iterations = 3)
    @Measurement(iterations = 10)
    public WordList compile() {
        return WordList.compile(terms);
    }
}
