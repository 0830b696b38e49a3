package dev.ccbridge.server.soak;

import dev.ccbridge.server.testing.AnthropicStreamGrammar;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.SseEvent;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Thousands of mixed exchanges through a real bridge to a stub upstream on loopback, from several concurrent
 * clients, with faults sprinkled in ({@link Scenario}: upstream 500, 429 and HTML 502, in-band errors, resets
 * before and during the body, malformed chunks, truncated streams, clients that hang up mid-stream). Every
 * response must be what its scenario calls for and well-formed (a stream that passes the Anthropic grammar, a
 * message, or an Anthropic error envelope); none may be lost. After the load, compared with the same moment
 * after a warm-up: heap after collection within {@value #HEAP_MARGIN_MB} MB, no more connections open to the
 * upstream than the warm-up left (the client pool's idle ones), no upstream reader thread alive, and no more
 * threads than the warm-up left. Only with {@code -Psoak}; sized by {@code -Dsoak.requests} (default 10,000),
 * {@code -Dsoak.clients} (8) and bounded by {@code -Dsoak.minutes} (4). The figures (lines starting with
 * {@code soak:}) go to {@code target/surefire-reports/soak/dev.ccbridge.server.soak.SoakTest-output.txt}.
 */
@Tag("soak")
class SoakTest {

    private static final long REQUESTS = Long.getLong("soak.requests", 10_000);
    private static final int CLIENTS = Integer.getInteger("soak.clients", 8);
    private static final Duration TIME_LIMIT = Duration.ofMinutes(Long.getLong("soak.minutes", 4));
    private static final long WARM_UP = 1_000;
    private static final int HEAP_MARGIN_MB = 20;
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();

    @Test
    void thousandsOfMixedRequestsAllAnsweredWithNothingLeftBehind() throws Exception {
        try (UpstreamStub stub = UpstreamStub.start().otherwise(Scenario::reply);
             TestBridge bridge = TestBridge.forStub(stub, Map.of("bridge.ping-interval", "PT0.5S"));
             HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                     .connectTimeout(Duration.ofSeconds(5)).build()) {
            long deadline = System.nanoTime() + TIME_LIMIT.toNanos();
            load(bridge, client, 0, WARM_UP, deadline);
            stub.reset();
            Snapshot before = Snapshot.take(stub);
            outcomes.clear();

            long started = System.nanoTime();
            long[] latencies = load(bridge, client, WARM_UP, WARM_UP + REQUESTS, deadline);
            double seconds = (System.nanoTime() - started) / 1e9;
            stub.reset();
            Snapshot after = settle(stub, before);

            report(latencies, seconds, before, after);
            assertTrue(problems.isEmpty(), problems.size() + " bad or lost responses, e.g. "
                    + problems.stream().limit(5).toList());
            assertEquals(REQUESTS, latencies.length, "the time limit cut the run short");
            assertTrue(after.heapMegabytes() <= before.heapMegabytes() + HEAP_MARGIN_MB,
                    "heap grew from " + before + " to " + after);
            assertTrue(after.stubConnections() <= Math.max(before.stubConnections(), CLIENTS),
                    "upstream connections leaked: " + before + " -> " + after);
            assertEquals(0, after.upstreamReaders(), "upstream reader threads leaked: " + after);
            assertTrue(after.allThreads() <= before.allThreads() + CLIENTS,
                    "threads leaked: " + before + " -> " + after);
        }
    }

    /** Sends requests {@code from} to {@code to} from {@link #CLIENTS} concurrent clients, until the deadline. */
    private long[] load(TestBridge bridge, HttpClient client, long from, long to, long deadline) {
        AtomicLong next = new AtomicLong(from);
        long[] latencies = new long[(int) (to - from)];
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(() -> {
                    long n;
                    while ((n = next.getAndIncrement()) < to && System.nanoTime() < deadline) {
                        long start = System.nanoTime();
                        exchange(bridge, client, n);
                        latencies[(int) (n - from)] = System.nanoTime() - start;
                    }
                });
            }
        }
        return Arrays.stream(latencies).filter(latency -> latency > 0).toArray();
    }

    private void exchange(TestBridge bridge, HttpClient client, long n) {
        Scenario scenario = Scenario.forRequest(n);
        HttpRequest request = HttpRequest.newBuilder(URI.create(bridge.baseUrl() + "/v1/messages?beta=true"))
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(scenario.request(n), StandardCharsets.UTF_8))
                .build();
        try {
            if (scenario.expect() == Scenario.Expect.CLIENT_LEAVES) {
                HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = response.body()) {
                    body.readNBytes(64);
                }
                if (response.statusCode() != 200) {
                    problems.add(scenario + " #" + n + ": the stream did not start: " + response.statusCode());
                }
                count(scenario + " -> client left");
                return;
            }
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String problem = verify(scenario, response);
            if (problem != null) {
                problems.add(scenario + " #" + n + ": " + problem);
            }
        } catch (IOException e) {
            problems.add(scenario + " #" + n + ": lost: " + e);
        } catch (RuntimeException e) {
            problems.add(scenario + " #" + n + ": unreadable: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add(scenario + " #" + n + ": interrupted");
        }
    }

    /** What is wrong with a response, or {@code null}; counts its outcome. */
    private String verify(Scenario scenario, HttpResponse<String> response) {
        int status = response.statusCode();
        String contentType = response.headers().firstValue("content-type").orElse("");
        if (contentType.startsWith("text/event-stream")) {
            List<SseEvent> events = SseEvent.parse(response.body());
            try {
                AnthropicStreamGrammar.check(events);
            } catch (AssertionError e) {
                return "malformed stream: " + e.getMessage();
            }
            SseEvent last = events.getLast();
            String outcome = last.type().equals("error")
                    ? "stream error " + last.data().getJsonObject("error").getString("type")
                    : "stream " + stopReason(events);
            count(scenario + " -> " + outcome);
            return switch (scenario.expect()) {
                case STREAM_COMPLETE -> !last.type().equals("message_stop") ? "expected a complete stream: " + outcome
                        : scenario == Scenario.STREAMED_TEXT && !Scenario.ANSWER.equals(text(events))
                        ? "wrong text: " + text(events)
                        : scenario == Scenario.STREAMED_TOOL_CALL
                        && !Json.parseObject(Scenario.TOOL_INPUT).equals(Json.parseObject(toolInput(events)))
                        ? "wrong tool input: " + toolInput(events) : null;
                case STREAM_ERROR, STREAM_OR_HTTP_ERROR -> last.type().equals("error") ? null
                        : "expected an error event: " + outcome;
                default -> "expected " + scenario.expect() + ", got a stream: " + outcome;
            };
        }
        JsonObject json;
        try {
            json = Json.parseObject(response.body());
        } catch (RuntimeException e) {
            return "status " + status + " with a body that is not a JSON object: " + response.body();
        }
        if (json.getString("type", "").equals("error")) {
            JsonObject error = json.getJsonObject("error");
            String type = error == null ? "" : error.getString("type", "");
            if (type.isEmpty() || error.getString("message", "").isEmpty() || status < 400) {
                return "malformed error: " + status + " " + json;
            }
            count(scenario + " -> http " + status + " " + type);
            return switch (scenario) {
                case UPSTREAM_500 -> status == 500 && type.equals("api_error") ? null : "expected 500 api_error";
                case UPSTREAM_429 -> status == 429 && type.equals("rate_limit_error")
                        && response.headers().firstValue("retry-after").orElse("").equals("7") ? null
                        : "expected 429 rate_limit_error with retry-after 7";
                case UPSTREAM_HTML_502 -> status == 502 && type.equals("api_error") ? null : "expected 502 api_error";
                case RESET_BEFORE_BODY, RESET_MID_STREAM -> status >= 500 ? null : "expected a 5xx";
                default -> "expected " + scenario.expect() + ", got " + status + " " + type;
            };
        }
        if (status != 200 || !json.getString("type", "").equals("message") || json.getJsonArray("content") == null
                || json.getString("stop_reason", "").isEmpty()) {
            return "malformed message: " + status + " " + json;
        }
        count(scenario + " -> message " + json.getString("stop_reason"));
        if (scenario.expect() != Scenario.Expect.MESSAGE) {
            return "expected " + scenario.expect() + ", got a message";
        }
        String text = json.getJsonArray("content").getJsonObject(0).getString("text", "");
        return Scenario.ANSWER.equals(text) ? null : "wrong text: " + text;
    }

    private static String stopReason(List<SseEvent> events) {
        return events.stream().filter(e -> e.type().equals("message_delta")).findFirst()
                .map(e -> e.data().getJsonObject("delta").getString("stop_reason")).orElse("?");
    }

    private static String text(List<SseEvent> events) {
        return deltas(events, "text_delta", "text");
    }

    private static String toolInput(List<SseEvent> events) {
        return deltas(events, "input_json_delta", "partial_json");
    }

    private static String deltas(List<SseEvent> events, String type, String field) {
        StringBuilder joined = new StringBuilder();
        for (SseEvent event : events) {
            if (event.type().equals("content_block_delta")
                    && event.data().getJsonObject("delta").getString("type").equals(type)) {
                joined.append(event.data().getJsonObject("delta").getString(field));
            }
        }
        return joined.toString();
    }

    private void count(String outcome) {
        outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
    }

    /** Waits for cancelled upstream reads and hung-up clients to be cleaned up, then measures. */
    private static Snapshot settle(UpstreamStub stub, Snapshot before) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Snapshot now = Snapshot.take(stub);
        while (System.nanoTime() < deadline && (now.upstreamReaders() > 0
                || now.stubConnections() > before.stubConnections() || now.allThreads() > before.allThreads())) {
            Thread.sleep(500);
            now = Snapshot.take(stub);
        }
        return now;
    }

    private void report(long[] latencies, double seconds, Snapshot before, Snapshot after) {
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        List<String> lines = new ArrayList<>();
        lines.add(String.format("soak: %d requests from %d clients in %.1f s (%.0f/s), %d problems",
                sorted.length, CLIENTS, seconds, sorted.length / seconds, problems.size()));
        lines.add(String.format("soak: latency p50 %.1f ms, p99 %.1f ms, max %.1f ms", percentile(sorted, 50),
                percentile(sorted, 99), sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6));
        new TreeMap<>(outcomes).forEach((outcome, count) -> lines.add("soak:   " + count + " x " + outcome));
        lines.add("soak: after warm-up: " + before);
        lines.add("soak: after the load: " + after);
        lines.forEach(System.out::println);
    }

    private static double percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * percent / 100.0) - 1)] / 1e6;
    }
}
