package org.parley.notify;

/**
 * What a signed-in reader wants to hear about by email.
 *
 * @param replies an email when someone replies to one of their comments
 * @param digest  with {@code replies}: one email a day listing them instead of one each
 */
public record NotifySettings(boolean replies, boolean digest) {

    /** Reply emails are opt-in: nothing until the reader asks. */
    public static final NotifySettings NONE = new NotifySettings(false, false);
}
