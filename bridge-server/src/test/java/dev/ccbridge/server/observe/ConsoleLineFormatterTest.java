package dev.ccbridge.server.observe;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConsoleLineFormatterTest {

    @Test
    void writesTheLinesTheConfiguredSimpleFormatterWouldForEveryKindOfRecord() throws IOException {
        String format = shippedFormat();
        LogRecord plain = record(Level.INFO, "ccbridge.exchange", "req_1 POST /v1/messages status=200", null);
        LogRecord withParameters = record(Level.WARNING, "ccbridge.upstream", "upstream {0} answered {1}",
                new Object[] {"primary", 503});
        LogRecord withThrowable = record(Level.SEVERE, "ccbridge.server", "failed", null);
        withThrowable.setThrown(new IllegalStateException("broken"));
        LogRecord fine = record(Level.FINE, "ccbridge.payload", "body ü ✓", null);
        fine.setInstant(Instant.parse("2026-12-31T23:59:59.999Z"));

        String saved = System.getProperty("java.util.logging.SimpleFormatter.format");
        System.setProperty("java.util.logging.SimpleFormatter.format", format);
        try {
            SimpleFormatter reference = new SimpleFormatter();
            ConsoleLineFormatter formatter = new ConsoleLineFormatter();
            for (LogRecord record : new LogRecord[] {plain, withParameters, withThrowable, fine}) {
                assertEquals(reference.format(record), formatter.format(record));
            }
        } finally {
            if (saved == null) {
                System.clearProperty("java.util.logging.SimpleFormatter.format");
            } else {
                System.setProperty("java.util.logging.SimpleFormatter.format", saved);
            }
        }
    }

    @Test
    void theShippedLoggingConfigurationUsesIt() throws IOException {
        assertEquals(ConsoleLineFormatter.class.getName(),
                shipped().getProperty("io.helidon.logging.jul.HelidonConsoleHandler.formatter"));
    }

    private static LogRecord record(Level level, String logger, String message, Object[] parameters) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setParameters(parameters);
        record.setInstant(Instant.parse("2026-11-21T11:47:56.497Z"));
        return record;
    }

    private static String shippedFormat() throws IOException {
        return shipped().getProperty("java.util.logging.SimpleFormatter.format");
    }

    private static Properties shipped() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ConsoleLineFormatterTest.class.getResourceAsStream("/logging.properties")) {
            properties.load(in);
        }
        return properties;
    }
}
