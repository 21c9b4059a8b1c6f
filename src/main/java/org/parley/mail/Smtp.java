package org.parley.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.time.Clock;
import java.util.Date;
import java.util.Properties;
import java.util.regex.Pattern;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/**
 * Hands one email at a time to the configured SMTP server through Angus Mail, as
 * {@code multipart/alternative} (plain text, then HTML) with the one-click unsubscribe headers of RFC 8058,
 * and says whether a failure is worth retrying. Thread-safe (a {@link Session} is).
 */
final class Smtp {

    /** An address inside an error message (a server's "550 <a@b> unknown"): reduced to its domain. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@([A-Za-z0-9.-]+)");
    private static final int MAX_ERROR_LENGTH = 500;

    private final SmtpServer server;
    private final Clock clock;
    private final Session session;

    Smtp(SmtpServer server, Clock clock) {
        this.server = server;
        this.clock = clock;
        this.session = Session.getInstance(properties(server));
    }

    private static Properties properties(SmtpServer server) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", server.host());
        p.put("mail.smtp.port", Integer.toString(server.port()));
        p.put("mail.smtp.connectiontimeout", Long.toString(server.connectTimeout().toMillis()));
        p.put("mail.smtp.timeout", Long.toString(server.readTimeout().toMillis()));
        p.put("mail.smtp.writetimeout", Long.toString(server.readTimeout().toMillis()));
        p.put("mail.smtp.from", server.from().value());
        p.put("mail.smtp.auth", Boolean.toString(server.username().isPresent()));
        switch (server.tls()) {
            case NONE -> {
            }
            case STARTTLS -> {
                p.put("mail.smtp.starttls.enable", "true");
                // Never fall back to sending a password and readers' addresses in the clear.
                p.put("mail.smtp.starttls.required", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
            case IMPLICIT -> {
                p.put("mail.smtp.ssl.enable", "true");
                p.put("mail.smtp.ssl.checkserveridentity", "true");
            }
        }
        return p;
    }

    /** Sends {@code row} over a connection of its own; see {@link Connection#send}. */
    Delivery send(OutboxRow row) {
        try (Connection connection = connection()) {
            return connection.send(row);
        }
    }

    /** A connection for several emails in a row (a batch), opened at the first send. */
    Connection connection() {
        return new Connection();
    }

    /**
     * One SMTP session reused for consecutive emails, so a batch pays for one handshake (TCP, TLS, AUTH);
     * after a failure it is dropped and the next email opens a fresh one. Not thread-safe: one sender at a time.
     */
    final class Connection implements AutoCloseable {

        private Transport transport;

        /** Sends {@code row}; never throws for a failure of the server or the message, only reports it. */
        Delivery send(OutboxRow row) {
            MimeMessage message;
            try {
                message = build(row);
            } catch (MessagingException | UnsupportedEncodingException e) {
                return new Delivery.Permanent(describe(e));
            }
            try {
                if (transport == null || !transport.isConnected()) {
                    close();
                    transport = session.getTransport();
                    transport.connect(server.host(), server.port(), server.username().orElse(null), server.password().orElse(null));
                }
                transport.sendMessage(message, message.getAllRecipients());
                return new Delivery.Accepted();
            } catch (MessagingException e) {
                close();
                return classify(e);
            }
        }

        @Override
        public void close() {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException e) {
                    // The session is over either way; a failed QUIT loses nothing that was sent.
                }
                transport = null;
            }
        }
    }

    private MimeMessage build(OutboxRow row) throws MessagingException, UnsupportedEncodingException {
        String messageId = "<" + row.id().value() + "@" + server.from().domain() + ">";
        // The outbox id as Message-ID: if a claim ever ran out mid-send and the email went twice, receivers see one.
        MimeMessage message = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", messageId);
            }
        };
        message.setFrom(new InternetAddress(server.from().value(), server.fromName().isBlank() ? null : server.fromName(), "UTF-8"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(row.recipient(), true));
        message.setSubject(row.subject(), "UTF-8");
        message.setSentDate(Date.from(clock.instant()));
        MimeBodyPart text = new MimeBodyPart();
        text.setText(row.textBody(), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(row.htmlBody(), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        if (row.unsubscribeUrl().isPresent()) {
            message.setHeader("List-Unsubscribe", "<" + row.unsubscribeUrl().get() + ">");
            message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        message.saveChanges();
        return message;
    }

    /** 5xx replies and unusable addresses are permanent; anything else (no connection, 4xx, timeouts, TLS, auth) is retried. */
    static Delivery classify(MessagingException e) {
        for (Throwable at = e; at != null; at = next(at)) {
            int code = switch (at) {
                case SMTPAddressFailedException failed -> failed.getReturnCode();
                case SMTPSenderFailedException failed -> failed.getReturnCode();
                case SMTPSendFailedException failed -> failed.getReturnCode();
                default -> 0;
            };
            if (code >= 500) {
                return new Delivery.Permanent(describe(at));
            }
            if (code >= 400) {
                return new Delivery.Temporary(describe(at));
            }
            if (at instanceof AddressException) {
                return new Delivery.Permanent(describe(at));
            }
            if (at instanceof AuthenticationFailedException) {
                // The server's configuration, not this email: retried, so fixing the password delivers it.
                return new Delivery.Temporary("the SMTP server refused Parley's user name or password: " + describe(at));
            }
        }
        return new Delivery.Temporary(describe(e));
    }

    private static Throwable next(Throwable at) {
        if (at instanceof MessagingException m && m.getNextException() != null && m.getNextException() != at) {
            return m.getNextException();
        }
        return at.getCause() == at ? null : at.getCause();
    }

    /** The failure's kind and message without addresses; bounded, one line. */
    static String describe(Throwable e) {
        String text = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        Throwable cause = e.getCause();
        if (cause != null && cause != e && cause.getMessage() != null) {
            text += " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
        }
        text = ADDRESS.matcher(text).replaceAll("…@$1").replaceAll("[\\r\\n\\t]+", " ").strip();
        return text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH) + "…";
    }
}
