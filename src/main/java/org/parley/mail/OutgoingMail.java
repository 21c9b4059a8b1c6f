package org.parley.mail;

import java.util.Map;
import java.util.TreeSet;

/**
 * An email a feature wants sent: to whom, which template, and a value for each of the template's
 * placeholders (plain text; the HTML part escapes them). The category, and with it whether the recipient
 * may have opted out, follows from the template.
 *
 * @throws IllegalArgumentException when the values do not name exactly the template's placeholders: a
 *                                  mistake in the calling code, never a reader's
 */
public record OutgoingMail(EmailAddress to, MailTemplate template, Map<String, String> values) {

    public OutgoingMail {
        values = Map.copyOf(values);
        if (!values.keySet().equals(template.placeholders())) {
            TreeSet<String> missing = new TreeSet<>(template.placeholders());
            missing.removeAll(values.keySet());
            TreeSet<String> unknown = new TreeSet<>(values.keySet());
            unknown.removeAll(template.placeholders());
            throw new IllegalArgumentException("template " + template.file() + " takes " + new TreeSet<>(template.placeholders())
                    + "; missing " + missing + ", unknown " + unknown);
        }
    }

    public MailCategory category() {
        return template.category();
    }
}
