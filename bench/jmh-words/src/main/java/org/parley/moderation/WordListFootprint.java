package org.parley.moderation;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import org.openjdk.jol.info.GraphLayout;

/**
 * Prints what a compiled 100,000-term list costs: heap of the whole object graph, of the terms alone (which
 * the caller holds anyway), and the first, cold build time in a fresh JVM.
 */
public final class WordListFootprint {

    private WordListFootprint() {
    }

    public static void main(String[] args) {
        List<WordTerm> terms = WordListBenchData.terms();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long loadWall = System.nanoTime();
        long loadCpu = threads.getCurrentThreadCpuTime();
        MatchText.of("warm");
        long loadCpuMillis = (threads.getCurrentThreadCpuTime() - loadCpu) / 1_000_000;
        long loadWallMillis = (System.nanoTime() - loadWall) / 1_000_000;
        long buildWall = System.nanoTime();
        long buildCpu = threads.getCurrentThreadCpuTime();
        WordList list = WordList.compile(terms);
        long buildCpuMillis = (threads.getCurrentThreadCpuTime() - buildCpu) / 1_000_000;
        long buildWallMillis = (System.nanoTime() - buildWall) / 1_000_000;
        long whole = GraphLayout.parseInstance(list).totalSize();
        long termsOnly = GraphLayout.parseInstance(terms.toArray()).totalSize(); // the terms as roots
        String comment = WordListBenchData.comment(terms);
        System.out.printf("terms: %,d; matches in the %,d-character comment: %d%n", list.size(), comment.length(),
                list.find(comment).size());
        System.out.printf("Unicode tables, loaded once per JVM: %,d ms CPU (%,d ms wall)%n", loadCpuMillis,
                loadWallMillis);
        System.out.printf("first (cold) build of %,d terms: %,d ms CPU of the building thread (%,d ms wall)%n",
                list.size(), buildCpuMillis, buildWallMillis);
        System.out.printf("compiled list, whole graph: %.1f MiB; of which the WordTerm objects: %.1f MiB; "
                + "matcher alone: %.1f MiB%n", mib(whole), mib(termsOnly), mib(whole - termsOnly));
    }

    private static double mib(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
