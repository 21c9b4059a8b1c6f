package org.parley.mail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every {@link MailTemplate}'s subject, text and HTML, loaded and checked once at start: each file from the
 * configured directory when it holds one (a newsroom's own wording), else the one Parley ships. Thread-safe.
 */
final class Templates {

    /** The link that unsubscribes the recipient from the email's category, filled in by Parley itself. */
    static final String UNSUBSCRIBE_URL = "unsubscribeUrl";
    private static final String SHIPPED = "mail/templates/";

    /** An email ready to send: subject line, plain text and HTML. */
    record Rendered(String subject, String text, String html) {
    }

    private record Parts(Template subject, Template text, Template html) {
    }

    private final Map<MailTemplate, Parts> templates = new EnumMap<>(MailTemplate.class);

    /**
     * Loads and checks every template.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    Templates(Optional<Path> overrides) {
        for (MailTemplate template : MailTemplate.values()) {
            Set<String> allowed = new HashSet<>(template.placeholders());
            if (template.category().unsubscribable()) {
                allowed.add(UNSUBSCRIBE_URL);
            }
            templates.put(template, new Parts(
                    load(overrides, template.file() + ".subject", allowed, true),
                    load(overrides, template.file() + ".txt", allowed, false),
                    load(overrides, template.file() + ".html", allowed, false)));
        }
    }

    /**
     * {@code mail} written out, with {@code unsubscribeUrl} (present exactly for unsubscribable categories).
     *
     * @throws IllegalArgumentException when a {@code …Url} value is not an absolute http(s) URL
     */
    Rendered render(OutgoingMail mail, Optional<String> unsubscribeUrl) {
        Map<String, String> values = new HashMap<>(mail.values());
        unsubscribeUrl.ifPresent(url -> values.put(UNSUBSCRIBE_URL, url));
        values.forEach((name, value) -> {
            if (name.endsWith("Url") && !isWebUrl(value)) {
                throw new IllegalArgumentException("{{" + name + "}} of template " + mail.template().file()
                        + " must be an absolute http or https URL without spaces");
            }
        });
        Parts files = templates.get(mail.template());
        // A subject is one header line: a value's line breaks must not start another header.
        String subject = files.subject().render(values, Template.Escaping.NONE).replaceAll("[\\r\\n\\t]+", " ").strip();
        return new Rendered(subject, files.text().render(values, Template.Escaping.NONE),
                files.html().render(values, Template.Escaping.HTML));
    }

    private static Template load(Optional<Path> overrides, String name, Set<String> allowed, boolean oneLine) {
        Optional<Path> own = overrides.map(dir -> dir.resolve(name)).filter(Files::isRegularFile);
        String origin = own.map(Path::toString).orElse("classpath:" + SHIPPED + name);
        String source = own.isPresent() ? readFile(own.get()) : readShipped(name);
        if (oneLine) {
            source = source.strip();
            if (source.isEmpty() || source.contains("\n")) {
                throw new IllegalArgumentException(origin + ": a subject is one line of text");
            }
        }
        return Template.parse(source, origin, allowed);
    }

    private static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mail template " + file, e);
        }
    }

    private static String readShipped(String name) {
        try (InputStream in = Templates.class.getClassLoader().getResourceAsStream(SHIPPED + name)) {
            if (in == null) {
                throw new IllegalStateException("the build ships no mail template " + SHIPPED + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mail template " + SHIPPED + name, e);
        }
    }

    private static boolean isWebUrl(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return (lower.startsWith("https://") || lower.startsWith("http://")) && value.length() > 8
                && value.chars().noneMatch(c -> c <= ' ' || c == 127);
    }
}
