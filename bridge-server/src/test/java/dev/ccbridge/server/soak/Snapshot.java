package dev.ccbridge.server.soak;

import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.UpstreamStub;

import com.sun.management.HotSpotDiagnosticMXBean;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a running bridge holds at one moment: heap in use after garbage collection, connections open to the
 * upstream stub, and threads, virtual ones included (from a JSON thread dump, the only place the JDK lists
 * them).
 *
 * @param heapUsedBytes    heap in use after collection
 * @param stubConnections  connections open to the upstream stub
 * @param platformThreads  live platform threads
 * @param allThreads       live threads, virtual and platform
 * @param upstreamReaders  live threads reading an upstream stream for the bridge
 */
record Snapshot(long heapUsedBytes, int stubConnections, int platformThreads, int allThreads, int upstreamReaders) {

    /** The bridge names each upstream reader {@code upstream-<request id>}, and request ids are {@code req_*}. */
    private static final String READER_PREFIX = "upstream-req_";

    /**
     * @param stub the upstream stub
     * @return the current figures
     */
    static Snapshot take(UpstreamStub stub) {
        long heap = heapAfterCollection();
        int platform = ManagementFactory.getThreadMXBean().getThreadCount();
        int all = 0;
        int readers = 0;
        for (JsonValue container : threadDump().getJsonObject("threadDump").getJsonArray("threadContainers")) {
            for (JsonValue thread : container.asJsonObject().getJsonArray("threads")) {
                all++;
                if (thread.asJsonObject().getString("name", "").startsWith(READER_PREFIX)) {
                    readers++;
                }
            }
        }
        return new Snapshot(heap, stub.openConnections(), platform, all, readers);
    }

    /**
     * @return the heap in use in megabytes
     */
    double heapMegabytes() {
        return heapUsedBytes / (1024.0 * 1024.0);
    }

    @Override
    public String toString() {
        return String.format("heap %.1f MB, stub connections %d, threads %d (platform %d), upstream readers %d",
                heapMegabytes(), stubConnections, allThreads, platformThreads, upstreamReaders);
    }

    /** The lowest of a few readings, each after a full collection, so that garbage in flight does not count. */
    private static long heapAfterCollection() {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            lowest = Math.min(lowest, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }

    private static JsonObject threadDump() {
        try {
            Path dir = Files.createTempDirectory("soak-threads");
            Path file = dir.resolve("threads.json");
            try {
                ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
                        .dumpThreads(file.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.JSON);
                return Json.parseObject(Files.readString(file));
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
