package dev.ccbridge.server.testing;

import com.sun.management.HotSpotDiagnosticMXBean;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Counts the live threads of this JVM by name, virtual threads included ({@link Thread#getAllStackTraces()} sees
 * only platform threads; the JDK's JSON thread dump sees both). The bridge names its upstream threads
 * {@code upstream-...}; Helidon names a connection's thread {@code [0x... 0x...] WebServer socket}.
 */
public final class ThreadCensus {

    /** The bridge's upstream threads: senders, stream readers, body readers. */
    public static final Predicate<String> UPSTREAM = name -> name.startsWith("upstream-");
    /** Helidon's threads, one per open client connection, serving its requests. */
    public static final Predicate<String> SERVER_CONNECTIONS = name -> name.endsWith("WebServer socket");

    private ThreadCensus() {
    }

    /**
     * @param which the names to count
     * @return how many live threads have such a name
     */
    public static int count(Predicate<String> which) {
        return (int) names().stream().filter(which).count();
    }

    /**
     * Waits for the count to fall to {@code expected} or below, since threads finish a little after the work they
     * did was answered.
     *
     * @param which    the names to count
     * @param expected the count to wait for
     * @param timeout  how long to wait
     * @return the last count
     */
    public static int settle(Predicate<String> which, int expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int count = count(which);
        while (count > expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return count;
            }
            count = count(which);
        }
        return count;
    }

    /**
     * @param which the names to list
     * @return the names of the live threads that match, for a failure message
     */
    public static List<String> list(Predicate<String> which) {
        return names().stream().filter(which).toList();
    }

    private static List<String> names() {
        try {
            Path dir = Files.createTempDirectory("thread-census");
            Path file = dir.resolve("threads.json");
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                JsonObject dump = Json.parseObject(Files.readString(file)).getJsonObject("threadDump");
                List<String> names = new ArrayList<>();
                for (JsonValue container : dump.getJsonArray("threadContainers")) {
                    JsonArray threads = container.asJsonObject().getJsonArray("threads");
                    for (JsonValue thread : threads) {
                        names.add(thread.asJsonObject().getString("name", ""));
                    }
                }
                return names;
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
