package org.parley.words;

import java.util.Arrays;

/**
 * An Aho–Corasick automaton over a sorted set of keys, stored in flat arrays: one pass over a text finds
 * every key that ends at every position, in time linear in the text plus the number of hits, whatever the
 * number of keys.
 *
 * <p>Layout: nodes are numbered breadth-first, so the children of node {@code v} are the consecutive nodes
 * {@code firstChild[v] .. firstChild[v + 1] - 1}, sorted by the character on their incoming edge
 * ({@code label}); a lookup is a binary search over that slice, and the root's ASCII children have a direct
 * table because nearly every step of a scan starts there or falls back to it. That costs 18 bytes a node
 * (a character and four ints) instead of a hash map per node. (A depth-first layout, which puts a node's
 * only child next to it in memory, measured no faster on 100,000 terms and needs a child count per node.)
 * Node 0 is the root; 0 as a child or an output
 * link means "none", since the root is nobody's child. Immutable once built, so safe to share between threads.
 */
final class WordAutomaton {

    private static final int ASCII = 128;

    private final char[] label;
    private final int[] firstChild;
    private final int[] fail;
    private final int[] output;
    private final int[] key;
    private final int[] rootAscii;

    private WordAutomaton(char[] label, int[] firstChild, int[] fail, int[] output, int[] key) {
        this.label = label;
        this.firstChild = firstChild;
        this.fail = fail;
        this.output = output;
        this.key = key;
        this.rootAscii = new int[ASCII];
        for (int child = firstChild[0]; child < firstChild[1]; child++) {
            if (label[child] < ASCII) {
                rootAscii[label[child]] = child;
            }
        }
    }

    /**
     * Builds the automaton for {@code keys}, which must be sorted ({@link String#compareTo}), distinct and
     * non-empty. Key {@code i} is reported as {@link #key}{@code (node) == i}.
     */
    static WordAutomaton build(String[] keys) {
        // The keys' characters, copied into one array in sorted order: the construction reads every key once
        // per trie level, and a walk through one array is far kinder to the cache than through 100,000 strings.
        int[] keyStart = new int[keys.length + 1];
        long totalChars = 0;
        for (int i = 0; i < keys.length; i++) {
            keyStart[i] = (int) Math.min(totalChars, Integer.MAX_VALUE);
            totalChars += keys[i].length();
        }
        if (totalChars > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("word list too large: " + totalChars + " characters");
        }
        keyStart[keys.length] = (int) totalChars;
        char[] text = new char[(int) totalChars];
        for (int i = 0; i < keys.length; i++) {
            keys[i].getChars(0, keys[i].length(), text, keyStart[i]);
        }
        int capacity = (int) totalChars + 1;
        char[] label = new char[capacity];
        int[] firstChild = new int[capacity + 1];
        int[] key = new int[capacity];
        int[] parent = new int[capacity];
        // Node v stands for the keys [from[v], to[v]) sharing its path of length depth[v]; breadth-first
        // order means the node ids double as the work queue.
        int[] from = new int[capacity];
        int[] to = new int[capacity];
        int[] depth = new int[capacity];
        to[0] = keys.length;
        int nodes = 1;
        for (int v = 0; v < nodes; v++) {
            int i = from[v];
            int d = depth[v];
            key[v] = -1;
            if (i < to[v] && keyStart[i + 1] - keyStart[i] == d) {
                key[v] = i++;
            }
            firstChild[v] = nodes;
            while (i < to[v]) {
                char c = text[keyStart[i] + d];
                int j = i + 1;
                while (j < to[v] && text[keyStart[j] + d] == c) {
                    j++;
                }
                label[nodes] = c;
                parent[nodes] = v;
                from[nodes] = i;
                to[nodes] = j;
                depth[nodes] = d + 1;
                nodes++;
                i = j;
            }
        }
        firstChild[nodes] = nodes;
        return withFailureLinks(Arrays.copyOf(label, nodes), Arrays.copyOf(firstChild, nodes + 1),
                Arrays.copyOf(key, nodes), parent);
    }

    private static WordAutomaton withFailureLinks(char[] label, int[] firstChild, int[] key, int[] parent) {
        int nodes = label.length;
        int[] fail = new int[nodes];
        int[] output = new int[nodes];
        // The links are computed by walking the automaton while it is being linked; the one handed out is
        // constructed afterwards, so its final fields publish the finished arrays to every thread.
        WordAutomaton linking = new WordAutomaton(label, firstChild, fail, output, key);
        for (int v = 1; v < nodes; v++) { // breadth-first: a node's parent and its fallback come earlier
            int p = parent[v];
            fail[v] = p == 0 ? 0 : linking.next(fail[p], label[v]);
            int f = fail[v];
            output[v] = key[f] >= 0 ? f : output[f];
        }
        return new WordAutomaton(label, firstChild, fail, output, key);
    }

    /** The state after reading {@code c} in state {@code state}. */
    int next(int state, char c) {
        int s = state;
        while (true) {
            int child = child(s, c);
            if (child != 0) {
                return child;
            }
            if (s == 0) {
                return 0;
            }
            s = fail[s];
        }
    }

    /** The key that ends exactly at {@code node}, or -1. */
    int key(int node) {
        return key[node];
    }

    /** The next node on {@code node}'s fallback chain where a (shorter) key ends, or 0 for none. */
    int output(int node) {
        return output[node];
    }

    int nodeCount() {
        return label.length;
    }

    private int child(int node, char c) {
        if (node == 0 && c < ASCII) {
            return rootAscii[c];
        }
        int low = firstChild[node];
        int high = firstChild[node + 1] - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            char at = label[mid];
            if (at < c) {
                low = mid + 1;
            } else if (at > c) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return 0;
    }
}
