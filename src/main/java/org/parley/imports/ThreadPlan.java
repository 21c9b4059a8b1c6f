package org.parley.imports;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The order a page's comments are stored in, and whom each replies to. Exports may list a reply before its parent,
 * so the whole page is read first; each parent then comes before its replies, at any depth. A reply whose parent is
 * neither on the page nor imported before becomes a top-level comment, with a warning; so does one caught in a
 * loop of replies (a file that says A answers B and B answers A).
 */
final class ThreadPlan {

    /** A comment in storing order, with the ref of the comment it replies to (empty: top-level). */
    record Step(SourceComment comment, Optional<String> parentRef) {
    }

    private ThreadPlan() {
    }

    /**
     * {@code comments} in storing order; {@code stored} are refs imported before, which replies may name. Warnings go
     * to {@code warn}, each naming the comment.
     */
    static List<Step> of(List<SourceComment> comments, Set<String> stored, Consumer<String> warn) {
        Map<String, SourceComment> byId = new LinkedHashMap<>();
        for (SourceComment comment : comments) {
            if (byId.putIfAbsent(comment.sourceId(), comment) != null) {
                warn.accept("line " + comment.line() + ": comment " + comment.sourceId() + " appears twice; the first one is kept");
            }
        }
        Map<String, Optional<String>> parents = new HashMap<>();
        Map<String, List<SourceComment>> children = new HashMap<>();
        List<SourceComment> roots = new ArrayList<>();
        for (SourceComment comment : byId.values()) {
            Optional<String> parent = comment.parentId().filter(p -> !p.equals(comment.sourceId()));
            if (parent.isPresent() && byId.containsKey(parent.get())) {
                children.computeIfAbsent(parent.get(), p -> new ArrayList<>()).add(comment);
            } else {
                if (parent.isPresent() && !stored.contains(parent.get())) {
                    warn.accept("line " + comment.line() + ": comment " + comment.sourceId() + " replies to " + parent.get()
                            + ", which is not in the export (or was skipped); it is imported as a top-level comment");
                    parent = Optional.empty();
                }
                roots.add(comment);
            }
            parents.put(comment.sourceId(), parent);
        }
        Comparator<SourceComment> byTime = Comparator.comparing(SourceComment::createdAt).thenComparing(SourceComment::line);
        roots.sort(byTime);
        children.values().forEach(list -> list.sort(byTime));

        List<Step> order = new ArrayList<>(byId.size());
        Set<String> placed = new HashSet<>();
        walk(roots, children, parents, placed, order);
        // Whatever no root leads to is in a loop of replies: break each loop at its earliest comment.
        List<SourceComment> looped = byId.values().stream().filter(c -> !placed.contains(c.sourceId())).sorted(byTime).toList();
        for (SourceComment comment : looped) {
            if (!placed.contains(comment.sourceId())) {
                warn.accept("line " + comment.line() + ": comment " + comment.sourceId()
                        + " is part of a loop of replies; it is imported as a top-level comment");
                parents.put(comment.sourceId(), Optional.empty());
                walk(List.of(comment), children, parents, placed, order);
            }
        }
        return order;
    }

    /** Depth first without recursion (threads can be thousands deep): each comment, then its replies by time. */
    private static void walk(List<SourceComment> roots, Map<String, List<SourceComment>> children,
                             Map<String, Optional<String>> parents, Set<String> placed, List<Step> order) {
        Deque<SourceComment> stack = new ArrayDeque<>();
        for (int i = roots.size() - 1; i >= 0; i--) {
            stack.push(roots.get(i));
        }
        while (!stack.isEmpty()) {
            SourceComment comment = stack.pop();
            if (!placed.add(comment.sourceId())) {
                continue;
            }
            order.add(new Step(comment, parents.get(comment.sourceId())));
            List<SourceComment> replies = children.getOrDefault(comment.sourceId(), List.of());
            for (int i = replies.size() - 1; i >= 0; i--) {
                stack.push(replies.get(i));
            }
        }
    }
}
