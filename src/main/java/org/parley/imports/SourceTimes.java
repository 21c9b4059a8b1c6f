package org.parley.imports;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** Times as exports write them: ISO-8601 with or without an offset (Disqus), or {@code 2019-05-01 10:00:00} (WordPress). */
final class SourceTimes {

    private static final DateTimeFormatter WORDPRESS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    /** {@code 2019-05-01 10:00:00}: the length of the plain form every export of a million comments repeats. */
    private static final int PLAIN_LENGTH = 19;

    private SourceTimes() {
    }

    /** The time {@code text} gives, read as UTC when it carries no offset; empty when it is blank or no time. */
    static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank() || text.startsWith("0000-00-00")) {
            return Optional.empty();
        }
        String value = text.strip();
        Optional<Instant> plain = plain(value);
        if (plain.isPresent()) {
            return plain;
        }
        // The general forms, chosen by shape: a failed parse costs an exception, which a million comments feel.
        boolean withOffset = value.length() > PLAIN_LENGTH && (value.endsWith("Z") || value.endsWith("z")
                || value.lastIndexOf('+') > PLAIN_LENGTH - 1 || value.lastIndexOf('-') > PLAIN_LENGTH - 1);
        try {
            if (withOffset) {
                return Optional.of(OffsetDateTime.parse(value).toInstant());
            }
            return Optional.of((value.indexOf('T') > 0 ? LocalDateTime.parse(value) : LocalDateTime.parse(value, WORDPRESS))
                    .toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * {@code yyyy-MM-dd HH:mm:ss} or {@code yyyy-MM-ddTHH:mm:ss}, optionally ending in {@code Z}, read digit by digit;
     * empty for any other shape (fractions, offsets), which the general parsers read.
     */
    private static Optional<Instant> plain(String value) {
        boolean zulu = value.length() == PLAIN_LENGTH + 1 && (value.charAt(PLAIN_LENGTH) == 'Z' || value.charAt(PLAIN_LENGTH) == 'z');
        if (value.length() != PLAIN_LENGTH && !zulu) {
            return Optional.empty();
        }
        char middle = value.charAt(10);
        if (value.charAt(4) != '-' || value.charAt(7) != '-' || (middle != ' ' && middle != 'T')
                || value.charAt(13) != ':' || value.charAt(16) != ':') {
            return Optional.empty();
        }
        int year = digits(value, 0, 4);
        int month = digits(value, 5, 2);
        int day = digits(value, 8, 2);
        int hour = digits(value, 11, 2);
        int minute = digits(value, 14, 2);
        int second = digits(value, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.of(year, month, day, hour, minute, second).toInstant(ZoneOffset.UTC));
        } catch (DateTimeException e) {
            return Optional.empty(); // 2019-02-30 and the like: no time
        }
    }

    /** The number the {@code count} ASCII digits at {@code from} write; -1 when one is not a digit. */
    private static int digits(String value, int from, int count) {
        int n = 0;
        for (int i = from; i < from + count; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }
}
