package org.parley.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Parley's logging, set up in code: reading the same from a {@code logback.xml} took Logback's XML machinery
 * a quarter to half a second of every start. Logback finds this class through {@code META-INF/services} and
 * asks it first. A {@code -Dlogback.configurationFile} (or a {@code logback-test.xml} on the class path, as in
 * tests) still wins: then this steps aside and Logback reads that file as usual.
 * <ul>
 *   <li>{@code console}: every logger at INFO and above, {@code HH:mm:ss.SSS LEVEL logger message}; Helidon,
 *   HikariCP and Flyway only from WARN.</li>
 *   <li>{@code access}: the {@code parley.access} lines, {@code HH:mm:ss.SSS access message}, written in
 *   batches of about 8 kB rather than a write per line, so the access log costs the read path little.</li>
 * </ul>
 * {@code logging.format=json} then swaps both encoders ({@link LogOutput}).
 */
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console(context, "console", "%d{HH:mm:ss.SSS} %-5level %logger{24} %msg%n", true));
        Logger access = context.getLogger("parley.access");
        access.setLevel(Level.INFO);
        access.setAdditive(false);
        access.addAppender(console(context, "access", "%d{HH:mm:ss.SSS} access %msg%n", false));
        for (String chatty : new String[] {"io.helidon", "com.zaxxer.hikari", "org.flywaydb"}) {
            context.getLogger(chatty).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, String name, String pattern, boolean flushEach) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setEncoder(encoder);
        appender.setImmediateFlush(flushEach);
        appender.start();
        return appender;
    }
}
