package org.parley.imports;

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

    private SourceTimes() {
    }

    /** The time {@code text} gives, read as UTC when it carries no offset; empty when it is blank or no time. */
    static Optional<Instant> parse(String text) {
        if (text == null || text.isBlank() || text.startsWith("0000-00-00")) {
            return Optional.empty();
        }
        String value = text.strip();
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notWithOffset) {
            // try the forms without one
        }
        try {
            return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException notIso) {
            // try WordPress's form
        }
        try {
            return Optional.of(LocalDateTime.parse(value, WORDPRESS).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
