package org.parley.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * A news page captured as plain text (the layout of the reference thread): a title line, an optional
 * {@code by: …} line, the article's paragraphs, then the reader comments. The markup is lost, so
 * comments are read from the layout: a short line alone (at most five words, no closing colon, question
 * or exclamation mark) is a commenter's name and starts a comment, and the block right after a name is
 * always its body; two or more blank lines also start a comment, whose name was lost. Paragraphs
 * separated by one blank line belong to the same comment.
 */
record ThreadCapture(String title, List<Comment> comments) {

    /** One reader comment, numbered from 1 in page order; {@code name} is empty when the page lost it. */
    record Comment(int number, String name, String body) {
    }

    private static final int MAX_NAME_LENGTH = 30;
    private static final int MAX_NAME_WORDS = 5;

    static ThreadCapture parse(String text) {
        List<String> blocks = new ArrayList<>();
        List<Integer> gaps = new ArrayList<>();
        int blank = 0;
        StringBuilder block = new StringBuilder();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            if (line.isBlank()) {
                if (!block.isEmpty()) {
                    blocks.add(block.toString());
                    block.setLength(0);
                    blank = 0;
                }
                blank++;
            } else {
                if (block.isEmpty()) {
                    gaps.add(blocks.isEmpty() ? 0 : blank);
                } else {
                    block.append('\n');
                }
                block.append(line.strip());
            }
        }
        if (!block.isEmpty()) {
            blocks.add(block.toString());
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("the thread capture is empty");
        }
        List<Comment> comments = new ArrayList<>();
        String name = null;
        StringBuilder body = null;
        boolean article = true;
        boolean afterName = false;
        for (int b = 1; b < blocks.size(); b++) {
            String current = blocks.get(b);
            boolean isName = !afterName && isName(current) && b + 1 < blocks.size();
            afterName = isName;
            if (article && current.regionMatches(true, 0, "by:", 0, 3)) {
                continue;
            }
            if (article && !isName) {
                continue;
            }
            article = false;
            boolean lostName = !isName && gaps.get(b) >= 2;
            if (isName || lostName) {
                add(comments, name, body);
                name = isName ? current : "";
                body = new StringBuilder(isName ? "" : current);
            } else {
                body.append(body.isEmpty() ? "" : "\n\n").append(current);
            }
        }
        add(comments, name, body);
        return new ThreadCapture(blocks.getFirst(), comments);
    }

    private static void add(List<Comment> comments, String name, StringBuilder body) {
        if (name != null && body != null && !body.isEmpty()) {
            comments.add(new Comment(comments.size() + 1, name, body.toString()));
        }
    }

    private static boolean isName(String block) {
        if (block.contains("\n") || block.length() > MAX_NAME_LENGTH || block.equalsIgnoreCase("comment image")) {
            return false;
        }
        char last = block.charAt(block.length() - 1);
        return block.split("\\s+").length <= MAX_NAME_WORDS && last != ':' && last != '?' && last != '!';
    }
}
