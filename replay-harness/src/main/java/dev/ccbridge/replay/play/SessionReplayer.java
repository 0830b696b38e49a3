package dev.ccbridge.replay.play;

import dev.ccbridge.replay.fixture.ExchangeFixture;
import dev.ccbridge.replay.fixture.Message;
import dev.ccbridge.replay.fixture.SessionFixture;
import dev.ccbridge.replay.fixture.UpstreamAttempt;
import dev.ccbridge.server.recording.IdNormalizer;
import dev.ccbridge.server.recording.Pretty;
import dev.ccbridge.server.recording.RecordingFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays recorded sessions through a running bridge whose upstream is a {@link ReplayUpstream}. For each exchange,
 * in order: the upstream is given the recorded upstream responses (one per attempt: a fallback has several), the
 * recorded client request is sent, and the requests the bridge sent upstream and the response it gave the client
 * are compared with the recording, after the same id normalisation the recording had. In re-record mode what the
 * bridge does now is written into the recording instead, for a change to the bridge that is meant; the upstream's
 * answers stay as they were recorded.
 */
public final class SessionReplayer {

    /** Headers that differ on every run or describe the connection, not the exchange. */
    private static final Set<String> VOLATILE = Set.of("host", "content-length", "connection", "keep-alive", "date",
            "transfer-encoding", "user-agent", "accept-encoding", "http2-settings", "upgrade");
    /**
     * Headers the bridge's HTTP client adds to every upstream request by itself. A recording holds the headers the
     * bridge and its adapter chose, so these are compared only when the recording has them.
     */
    private static final Set<String> ADDED_BY_HTTP_CLIENT = Set.of("accept", "content-type", "proxy-connection");
    /** Headers the JDK client will not send. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "http2-settings");

    private final String bridge;
    private final ReplayUpstream upstream;
    private final boolean rerecord;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param bridge   the bridge's base URL; a path in it (a gateway prefix) is kept
     * @param upstream the upstream the bridge is configured with
     * @param rerecord write what the bridge does now into the recording instead of comparing
     */
    public SessionReplayer(URI bridge, ReplayUpstream upstream, boolean rerecord) {
        this.bridge = bridge.toString().replaceAll("/+$", "");
        this.upstream = upstream;
        this.rerecord = rerecord;
    }

    /**
     * @param session a recorded session
     * @return what differed; in re-record mode only what could not be re-recorded
     */
    public ReplayResult replay(SessionFixture session) {
        IdNormalizer normalizer = new IdNormalizer();
        List<ReplayResult.Difference> differences = new ArrayList<>();
        for (ExchangeFixture exchange : session.exchanges()) {
            replay(exchange, normalizer, differences);
        }
        return new ReplayResult(session.name(), session.exchanges().size(), List.copyOf(differences));
    }

    /** What the bridge sent upstream in one attempt, as it takes part in the comparison. */
    private record Sent(String target, Map<String, List<String>> headers, String body) {
    }

    private void replay(ExchangeFixture exchange, IdNormalizer normalizer, List<ReplayResult.Difference> out) {
        Message clientRequest = exchange.clientRequest();
        normalizer.normalize(clientRequest.body());
        upstream.clear();
        exchange.attempts().forEach(attempt -> upstream.enqueue(attempt.response()));
        HttpResponse<String> response = send(clientRequest);
        List<ReplayUpstream.Received> received = upstream.drain();

        List<Sent> sent = new ArrayList<>();
        for (int i = 0; i < received.size(); i++) {
            ReplayUpstream.Received request = received.get(i);
            Map<String, List<String>> recordedHeaders = i < exchange.attempts().size()
                    ? exchange.attempts().get(i).request().headers() : Map.of();
            sent.add(new Sent(request.target(),
                    normalized(upstreamComparable(request.headers(), recordedHeaders), normalizer),
                    normalizer.normalize(Pretty.jsonOrText(request.body()))));
        }
        Map<String, List<String>> responseHeaders = new TreeMap<>();
        response.headers().map().forEach((name, values) -> responseHeaders.put(name.toLowerCase(Locale.ROOT), values));
        Map<String, List<String>> clientHeaders = normalized(comparable(responseHeaders), normalizer);
        String clientBody = normalizer.normalize(response.body());

        Differ differ = new Differ(exchange.number(), out);
        String expectedRequests = Integer.toString(exchange.attempts().size());
        if (rerecord) {
            if (sent.size() > exchange.attempts().size()) {
                differ.compare("number of upstream requests (a re-recording has no upstream answer for a new one)",
                        expectedRequests, Integer.toString(sent.size()));
            } else {
                rewrite(exchange, sent, response.statusCode(), clientHeaders, clientBody);
            }
            return;
        }
        differ.compare("number of upstream requests", expectedRequests, Integer.toString(sent.size()));
        for (int i = 0; i < Math.min(sent.size(), exchange.attempts().size()); i++) {
            UpstreamAttempt attempt = exchange.attempts().get(i);
            String part = "upstream request" + (attempt.number() == 1 ? "" : " (attempt " + attempt.number() + ")");
            Message recorded = attempt.request();
            differ.compare(part + " path", path(recorded.target()), path(sent.get(i).target()));
            differ.compare(part + " headers", text(comparable(recorded.headers())), text(sent.get(i).headers()));
            differ.compare(part + " body", Canonical.json(recorded.body()), Canonical.json(sent.get(i).body()));
        }
        Message recorded = exchange.clientResponse();
        differ.compare("client response status", Integer.toString(recorded.status()),
                Integer.toString(response.statusCode()));
        differ.compare("client response headers", text(comparable(recorded.headers())), text(clientHeaders));
        boolean stream = "sse".equals(recorded.extension());
        differ.compare("client response body",
                stream ? Canonical.sse(recorded.body()) : Canonical.json(recorded.body()),
                stream ? Canonical.sse(clientBody) : Canonical.json(clientBody));
    }

    private HttpResponse<String> send(Message request) {
        String query = request.query() == null || request.query().isEmpty() ? "" : "?" + request.query();
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(bridge + request.target() + query))
                .timeout(Duration.ofSeconds(120))
                .method(request.method(), HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8));
        request.headers().forEach((name, values) -> {
            if (RESTRICTED.contains(name)) {
                return;
            }
            for (String value : values) {
                builder.header(name, value.replace(RecordingFormat.REDACTED, ReplaySettings.STAND_IN_KEY));
            }
        });
        try {
            return http.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("replay: the bridge at " + bridge + " did not answer", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Re-record: the sides of the exchange the bridge produces take the replay's values; attempts the bridge no
     * longer makes are removed. The upstream's answers are kept: they are what the replay played.
     */
    private static void rewrite(ExchangeFixture exchange, List<Sent> sent, int status,
                                Map<String, List<String>> clientHeaders, String clientBody) {
        Path dir = exchange.dir();
        for (UpstreamAttempt attempt : exchange.attempts()) {
            String suffix = attempt.suffix();
            if (attempt.number() <= sent.size()) {
                Sent now = sent.get(attempt.number() - 1);
                write(dir.resolve("upstream-request" + suffix + ".json"), RecordingFormat.requestHead("POST",
                        attempt.request().target(), null, inRecordedOrder(now.headers(), attempt.request().headers())));
                write(dir.resolve("upstream-request" + suffix + ".body.json"), now.body());
            } else {
                delete(dir, "upstream-request" + suffix + ".json", "upstream-request" + suffix + ".body.json",
                        "upstream-response" + suffix + ".json", "upstream-response" + suffix + ".body.json",
                        "upstream-response" + suffix + ".body.sse", "upstream-response" + suffix + ".body.txt");
            }
        }
        write(dir.resolve("client-response.json"), RecordingFormat.responseHead(status,
                inRecordedOrder(clientHeaders, exchange.clientResponse().headers())));
        delete(dir, "client-response.body.json", "client-response.body.sse", "client-response.body.txt");
        String extension = RecordingFormat.bodyExtension(first(clientHeaders, "content-type"));
        write(dir.resolve("client-response.body." + extension),
                extension.equals("json") ? Pretty.jsonOrText(clientBody) : clientBody);
    }

    /** Headers in the order the recording has them, new ones after, so a re-recording changes only what changed. */
    private static Map<String, List<String>> inRecordedOrder(Map<String, List<String>> headers,
                                                             Map<String, List<String>> recorded) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        recorded.keySet().stream().filter(headers::containsKey).forEach(name -> out.put(name, headers.get(name)));
        headers.forEach(out::putIfAbsent);
        return out;
    }

    /** Headers as they take part in the comparison: no volatile ones, secrets redacted, sorted. */
    private static Map<String, List<String>> comparable(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new TreeMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!VOLATILE.contains(lower)) {
                out.put(lower, RecordingFormat.isSecretHeader(lower) ? List.of(RecordingFormat.REDACTED) : values);
            }
        });
        return out;
    }

    /** An upstream request's comparable headers, without those the HTTP client added unless the recording has them. */
    private static Map<String, List<String>> upstreamComparable(Map<String, List<String>> headers,
                                                                Map<String, List<String>> recorded) {
        Map<String, List<String>> out = comparable(headers);
        out.keySet().removeIf(name -> ADDED_BY_HTTP_CLIENT.contains(name) && !recorded.containsKey(name));
        return out;
    }

    private static Map<String, List<String>> normalized(Map<String, List<String>> headers, IdNormalizer normalizer) {
        Map<String, List<String>> out = new TreeMap<>();
        headers.forEach((name, values) -> out.put(name, values.stream().map(normalizer::normalize).toList()));
        return out;
    }

    private static String text(Map<String, List<String>> headers) {
        StringBuilder text = new StringBuilder();
        headers.forEach((name, values) -> values.forEach(v -> text.append(name).append(": ").append(v).append('\n')));
        return text.toString();
    }

    private static String path(String target) {
        if (target == null) {
            return "";
        }
        URI uri = URI.create(target);
        return (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    private static void write(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path dir, String... files) {
        try {
            for (String file : files) {
                Files.deleteIfExists(dir.resolve(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Collects the differences of one exchange. */
    private record Differ(int exchange, List<ReplayResult.Difference> out) {
        void compare(String what, String recorded, String actual) {
            String diff = LineDiff.of(recorded.strip(), actual == null ? "" : actual.strip());
            if (!diff.isEmpty()) {
                out.add(new ReplayResult.Difference(exchange, what, diff));
            }
        }
    }
}
