package org.parley.testing;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * A real SMTP server (GreenMail) on a loopback port of its own, which can be started late, to play a mail
 * server that is down at first. Close it after the test.
 */
public final class TestSmtp implements AutoCloseable {

    private final int port;
    private GreenMail server;

    private TestSmtp(int port) {
        this.port = port;
    }

    /** A free port with nothing listening on it yet: connecting is refused until {@link #start}. */
    public static TestSmtp notStarted() {
        try (ServerSocket probe = new ServerSocket(0)) {
            return new TestSmtp(probe.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException("finding a free port", e);
        }
    }

    public static TestSmtp started() {
        TestSmtp smtp = notStarted();
        smtp.start();
        return smtp;
    }

    public int port() {
        return port;
    }

    /** The configuration of a Parley that sends its email here, from {@code from}, in plain SMTP. */
    public java.util.Map<org.parley.web.ConfigKey, String> parleyConfig(String from) {
        return java.util.Map.of(org.parley.web.ConfigKey.MAIL_SMTP_HOST, "127.0.0.1",
                org.parley.web.ConfigKey.MAIL_SMTP_PORT, Integer.toString(port),
                org.parley.web.ConfigKey.MAIL_SMTP_TLS, "none",
                org.parley.web.ConfigKey.MAIL_FROM_ADDRESS, from);
    }

    public void start() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Accepts SMTP AUTH as {@code login} with {@code password} (a started server). */
    public void user(String login, String password) {
        server.setUser(login + "@news.example", login, password);
    }

    /** Every message received so far, in order of arrival. */
    public List<MimeMessage> received() {
        return server == null ? List.of() : List.of(server.getReceivedMessages());
    }

    /** Waits up to 10 s for at least {@code count} messages, failing with what arrived. */
    public List<MimeMessage> awaitReceived(int count) {
        awaitCondition(count + " email(s) at the SMTP server", () -> received().size() >= count);
        return received();
    }

    /** Waits up to 10 s for {@code condition}; the failure names {@code what}. */
    public static void awaitCondition(String what, BooleanSupplier condition) {
        Waiting.until(what, condition);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }
}
