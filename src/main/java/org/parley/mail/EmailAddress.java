package org.parley.mail;

import java.util.Locale;
import java.util.Optional;
import org.parley.http.FieldError;
import org.parley.http.ParleyException;

/**
 * An email address Parley may write to: {@code local@domain}, at most 254 characters, with no spaces,
 * control characters or the punctuation that would let it smuggle a second recipient or header
 * ({@code <>()[],;:"\}), nor a dot that starts or ends the name or follows another. Deliberately
 * stricter than RFC 5322's quoted forms, which no reader needs. Its {@link #toString} shows only the
 * domain, so an address never reaches a log by accident.
 */
public record EmailAddress(String value) {

    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final String FORBIDDEN = "<>()[],;:\"\\";

    public EmailAddress {
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new IllegalArgumentException("not an email address Parley sends to: " + problem.get());
        }
    }

    /**
     * The address a person typed, surrounding spaces removed; a 400 {@code invalid-email-address} problem
     * on {@code field} that says what is wrong (never repeating the address) otherwise.
     */
    public static EmailAddress parse(String typed, String field) {
        String value = typed == null ? "" : typed.strip();
        Optional<String> problem = problem(value);
        if (problem.isPresent()) {
            throw new ParleyException.InvalidInput(MailProblem.INVALID_EMAIL_ADDRESS,
                    "The email address is not valid: it " + problem.get() + ".", java.util.List.of(new FieldError(field, problem.get())));
        }
        return new EmailAddress(value);
    }

    /** True when {@code value} is an address Parley sends to, as it stands (no spaces around it). */
    public static boolean isValid(String value) {
        return problem(value).isEmpty();
    }

    /** The part after the last {@code @}, lower-cased: what logs may show. */
    public String domain() {
        return value.substring(value.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    /** The address lower-cased, as opt-outs are keyed: readers type their address in any case. */
    String normalized() {
        return value.toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "…@" + domain();
    }

    private static Optional<String> problem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("is empty");
        }
        if (value.length() > MAX_LENGTH) {
            return Optional.of("is longer than " + MAX_LENGTH + " characters");
        }
        int at = value.lastIndexOf('@');
        if (at <= 0 || at == value.length() - 1) {
            return Optional.of("needs a name, an @ and a domain");
        }
        if (at > MAX_LOCAL_LENGTH) {
            return Optional.of("has more than " + MAX_LOCAL_LENGTH + " characters before the @");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 127 || Character.isWhitespace(c) || Character.isISOControl(c)) {
                return Optional.of("contains a space or a control character");
            }
            if (FORBIDDEN.indexOf(c) >= 0 || (c == '@' && i != at)) {
                return Optional.of("contains '" + c + "', which Parley does not accept in an address");
            }
        }
        String local = value.substring(0, at);
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            // Legal only quoted, which this type refuses; SMTP clients reject such an address outright.
            return Optional.of("has a dot at the start or end of its name, or two dots in a row");
        }
        String domain = value.substring(at + 1);
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..") || !domain.contains(".")) {
            return Optional.of("needs a domain such as example.org after the @");
        }
        return Optional.empty();
    }
}
