package dev.ccbridge.server.observe;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link UsageStore}: one file per day and replica, records that read back as they were written, several replicas
 * sharing a folder, many requests appending at once, a torn line, and which days a query reads.
 */
class UsageStoreTest {

    private static final UsageQuery EVERYTHING = UsageQuery.parse(null, null, null, null);

    @TempDir
    Path dir;

    @Test
    void aRecordReadsBackAsItWasWritten() throws IOException {
        ExchangeSummary exchange = Exchanges.answered("2026-03-04T05:06:07.890Z", "key-0123456789ab", "s-1", "auto",
                new int[] {11, 22, 33, 44}, Map.of("used_model", "deepseek-v3", "credits", "12.5", "cost", "0.0031",
                        "currency", "USD", "tier", "standard"));

        new UsageStore(dir, "r1").exchangeFinished(exchange);

        List<UsageRecord> read = new ArrayList<>();
        UsageStore.Reading reading = UsageStore.read(dir, EVERYTHING, read::add);
        assertEquals(new UsageStore.Reading(1, 1, 0), reading);
        assertEquals(List.of(UsageRecord.of(exchange)), read);
        UsageRecord record = read.getFirst();
        assertEquals("deepseek-v3", record.usedModel());
        assertEquals("auto", record.upstreamModel());
        assertEquals(List.of(11L, 22L, 33L, 44L), List.of(record.inputTokens(), record.outputTokens(),
                record.cacheReadTokens(), record.cacheWriteTokens()));
        assertEquals(new BigDecimal("12.5"), record.credits());
        assertEquals(new BigDecimal("0.0031"), record.cost());
        assertTrue(Files.readString(dir.resolve("2026-03-04.r1.jsonl")).startsWith(
                "{\"time\":\"2026-03-04T05:06:07.890Z\",\"request_id\":"));
    }

    /** An amount like 1e300000000 would make every later sum a number of hundreds of millions of digits. */
    @Test
    void anAmountBeyondAnyBillIsLeftOutWhenReportedAndWhenReadBack() throws IOException {
        new UsageStore(dir, "r1").exchangeFinished(Exchanges.answered("2026-03-04T05:06:07.890Z", "key-0123456789ab",
                null, "m", tokens(1), Map.of("credits", "1e300000000", "cost", "0.5")));
        Path file = dir.resolve("2026-03-04.r1.jsonl");
        String written = Files.readString(file);
        assertTrue(written.contains("\"credits\":null"), written);
        Files.writeString(file, written.replace("\"credits\":null", "\"credits\":1e300000000")
                .replace("\"cost\":0.5", "\"cost\":1E-400000000"));

        List<UsageRecord> read = new ArrayList<>();
        UsageReport report = new UsageReport(EVERYTHING);
        UsageStore.read(dir, EVERYTHING, record -> {
            read.add(record);
            report.add(record);
        });

        assertEquals(1, read.size());
        assertNull(read.getFirst().credits());
        assertNull(read.getFirst().cost());
        assertEquals(1, report.requests());
        assertTrue(report.toJson().toString().length() < 2000, "a report of one request");
    }

    @Test
    void anExchangeRefusedBeforeAnyUpstreamIsNotUsage() {
        new UsageStore(dir, "r1").exchangeFinished(Exchanges.refusedByTheBridge("2026-03-04T00:00:00Z"));

        assertEquals(new UsageStore.Reading(0, 0, 0), UsageStore.read(dir, EVERYTHING, r -> { }));
    }

    @Test
    void replicasSharingAFolderEachWriteTheirOwnFileAndAReadSeesThemAll() {
        UsageStore a = new UsageStore(dir, "bridge-a");
        UsageStore b = new UsageStore(dir, "bridge-b");
        a.exchangeFinished(Exchanges.answered("2026-03-04T10:00:00Z", "key-aaaaaaaaaaaa", null, "m", tokens(1),
                Map.of()));
        b.exchangeFinished(Exchanges.answered("2026-03-04T11:00:00Z", "key-bbbbbbbbbbbb", null, "m", tokens(2),
                Map.of()));
        a.exchangeFinished(Exchanges.answered("2026-03-05T00:00:01Z", "key-aaaaaaaaaaaa", null, "m", tokens(4),
                Map.of()));

        List<UsageRecord> read = new ArrayList<>();
        UsageStore.Reading reading = UsageStore.read(dir, EVERYTHING, read::add);

        assertEquals(Set.of("2026-03-04.bridge-a.jsonl", "2026-03-04.bridge-b.jsonl", "2026-03-05.bridge-a.jsonl"),
                names(dir));
        assertEquals(new UsageStore.Reading(3, 3, 0), reading);
        assertEquals(7, read.stream().mapToLong(UsageRecord::inputTokens).sum());
    }

    @Test
    void aQueryReadsOnlyTheFilesOfItsDays() {
        UsageStore store = new UsageStore(dir, "r");
        for (String day : List.of("2026-03-01", "2026-03-02", "2026-03-03", "2026-03-04")) {
            store.exchangeFinished(Exchanges.answered(day + "T12:00:00Z", "key-aaaaaaaaaaaa", null, "m", tokens(1),
                    Map.of()));
        }

        UsageStore.Reading reading = UsageStore.read(dir, UsageQuery.parse("2026-03-02", "2026-03-03", null, null),
                r -> { });

        assertEquals(new UsageStore.Reading(2, 2, 0), reading);
    }

    @Test
    void aTornLineAndOtherFilesAreSkippedAndCounted() throws IOException {
        UsageStore store = new UsageStore(dir, "r");
        store.exchangeFinished(Exchanges.answered("2026-03-04T12:00:00Z", "key-aaaaaaaaaaaa", null, "m", tokens(5),
                Map.of()));
        Files.writeString(dir.resolve("2026-03-04.r.jsonl"), "{\"time\":\"2026-03-04T12:00:01Z\",\"input_tok",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        store.exchangeFinished(Exchanges.answered("2026-03-04T12:00:02Z", "key-aaaaaaaaaaaa", null, "m", tokens(7),
                Map.of()));
        Files.writeString(dir.resolve("notes.jsonl"), "not usage\n");
        Files.writeString(dir.resolve("2026-03-04.r.jsonl.bak"), "{}\n");

        List<UsageRecord> read = new ArrayList<>();
        UsageStore.Reading reading = UsageStore.read(dir, EVERYTHING, read::add);

        assertEquals(new UsageStore.Reading(1, 2, 1), reading);
        assertEquals(List.of(5L, 7L), read.stream().map(UsageRecord::inputTokens).toList(),
                "the record appended to the torn line is read");
    }

    @Test
    void manyRequestsAppendingAtOnceLeaveEveryLineWhole() throws InterruptedException {
        UsageStore store = new UsageStore(dir, "r");
        int threads = 16;
        int each = 50;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            writers.add(Thread.ofVirtual().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < each; i++) {
                    store.exchangeFinished(Exchanges.answered("2026-03-04T12:00:00Z", "key-aaaaaaaaaaaa",
                            "s".repeat(200), "m", tokens(1), Map.of()));
                }
            }));
        }
        start.countDown();
        for (Thread writer : writers) {
            writer.join();
        }

        List<UsageRecord> read = new ArrayList<>();
        assertEquals(new UsageStore.Reading(1, (long) threads * each, 0), UsageStore.read(dir, EVERYTHING, read::add));
        assertEquals(threads * each, read.stream().map(UsageRecord::requestId).distinct().count());
    }

    @Test
    void aMissingFolderHoldsNoRecords() {
        assertEquals(new UsageStore.Reading(0, 0, 0), UsageStore.read(dir.resolve("never-written"), EVERYTHING,
                r -> { }));
    }

    @Test
    void aFailedExchangeIsARecordWithItsStatusAndNoTokens() {
        new UsageStore(dir, "r").exchangeFinished(Exchanges.failed("2026-03-04T12:00:00Z", "key-aaaaaaaaaaaa", 503));

        List<UsageRecord> read = new ArrayList<>();
        UsageStore.read(dir, EVERYTHING, read::add);

        UsageRecord record = read.getFirst();
        assertEquals(503, record.status());
        assertTrue(record.failed());
        assertEquals(0, record.inputTokens() + record.outputTokens());
        assertNull(record.credits());
    }

    private static int[] tokens(int input) {
        return new int[] {input, 0, 0, 0};
    }

    private static Set<String> names(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
