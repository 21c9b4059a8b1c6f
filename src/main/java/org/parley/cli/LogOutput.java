package org.parley.cli;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import java.util.Iterator;
import org.parley.web.LogFormat;
import org.slf4j.LoggerFactory;

/**
 * Puts {@code logging.format} into effect once the configuration is read, and ends logging at shutdown.
 * {@link LogConfigurator} keeps choosing what is logged, at which level and to which appender (the access
 * log's buffering included);
 * {@code json} only swaps each appender's encoder for {@link JsonLogEncoder}. {@code text} changes nothing.
 */
final class LogOutput {

    private LogOutput() {
    }

    /**
     * Writes out whatever an appender still holds and stops logging: the last thing a server does on its way
     * out, after its requests are answered, so none of their lines is dropped.
     */
    static void stop() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.stop();
        }
    }

    static void use(LogFormat format) {
        // Another SLF4J binding (none ships with Parley) is configured its own way.
        if (format == LogFormat.TEXT || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        for (Logger logger : context.getLoggerList()) {
            for (Iterator<Appender<ILoggingEvent>> each = logger.iteratorForAppenders(); each.hasNext(); ) {
                if (each.next() instanceof OutputStreamAppender<ILoggingEvent> appender
                        && !(appender.getEncoder() instanceof JsonLogEncoder)) {
                    JsonLogEncoder encoder = new JsonLogEncoder();
                    encoder.setContext(context);
                    encoder.start();
                    // Stopped while the encoder changes, so no event is written half in one format.
                    appender.stop();
                    appender.setEncoder(encoder);
                    appender.start();
                }
            }
        }
    }
}
