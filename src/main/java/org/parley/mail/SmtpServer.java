package org.parley.mail;

import java.time.Duration;
import java.util.Optional;

/**
 * The SMTP server Parley hands its email to, and the sender it writes as. {@link #toString} shows neither
 * the password nor the user name, and of the From address only its domain.
 *
 * @param host           name or address of the server
 * @param port           1 to 65535 (587 for STARTTLS, 465 for implicit TLS, 25 for a local relay)
 * @param tls            how the connection is protected
 * @param username       user name for SMTP AUTH; empty to send without authenticating
 * @param password       password for SMTP AUTH
 * @param from           the From address; also the envelope sender, and the domain of Message-IDs
 * @param fromName       the display name beside it, e.g. the newsroom's name
 * @param connectTimeout how long connecting may take before the attempt counts as a temporary failure
 * @param readTimeout    how long the server may take to answer any one command
 */
public record SmtpServer(String host, int port, TlsMode tls, Optional<String> username, Optional<String> password,
                         EmailAddress from, String fromName, Duration connectTimeout, Duration readTimeout) {

    public SmtpServer {
        if (host.isBlank() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException("an SMTP server needs a host and a port from 1 to 65535");
        }
        if (password.isPresent() && username.isEmpty()) {
            throw new IllegalArgumentException("an SMTP password needs a user name to go with it");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero() || readTimeout.isNegative() || readTimeout.isZero()) {
            throw new IllegalArgumentException("SMTP timeouts must be positive");
        }
    }

    /** The longest one message may take to send, however slowly each step goes: bounds a claim's lease. */
    Duration worstSendTime() {
        // Connect, then greeting, EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, the body and QUIT each wait at most readTimeout.
        return connectTimeout.plus(readTimeout.multipliedBy(10));
    }

    @Override
    public String toString() {
        return "SmtpServer[" + host + ":" + port + ", tls=" + tls.value() + ", auth=" + (username.isPresent() ? "yes" : "no")
                + ", from=" + from + ", connectTimeout=" + connectTimeout + ", readTimeout=" + readTimeout + "]";
    }
}
