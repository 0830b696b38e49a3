package dev.ccbridge.replay.play;

import dev.ccbridge.replay.fixture.ExchangeFixture;
import dev.ccbridge.replay.fixture.Message;
import dev.ccbridge.replay.fixture.SessionFixture;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Replays recorded sessions through a running bridge whose upstream is a {@link ReplayUpstream}. For each exchange,
 * in order: the upstream is given the recorded upstream response, the recorded client request is sent, and the
 * request the bridge sent upstream and the response it gave the client are compared with the recording, after the
 * same id normalisation the recording had. In re-record mode what the bridge does now is written into the
 * recording instead, for a change to the bridge that is meant.
 */
public final class SessionReplayer {

    /** Headers that differ on every run or describe the connection, not the exchange. */
    private static final Set<String> VOLATILE = Set.of("host", "content-length", "connection", "keep-alive", "date",
            "transfer-encoding", "user-agent", "accept-encoding", "http2-settings", "upgrade");
    /** Headers the JDK client will not send. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade",
            "transfer-encoding", "keep-alive", "http2-settings");

    private final URI bridge;
    private final ReplayUpstream upstream;
    private final boolean rerecord;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1).build();

    /**
     * @param bridge   the bridge's base URL
     * @param upstream the upstream the bridge is configured with
     * @param rerecord write what the bridge does now into the recording instead of comparing
     */
    public SessionReplayer(URI bridge, ReplayUpstream upstream, boolean rerecord) {
        this.bridge = bridge;
        this.upstream = upstream;
        this.rerecord = rerecord;
    }

    /**
     * @param session a recorded session
     * @return what differed (nothing in re-record mode)
     */
    public ReplayResult replay(SessionFixture session) {
        IdNormalizer normalizer = new IdNormalizer();
        List<ReplayResult.Difference> differences = new ArrayList<>();
        for (ExchangeFixture exchange : session.exchanges()) {
            replay(exchange, normalizer, differences);
        }
        return new ReplayResult(session.name(), session.exchanges().size(), List.copyOf(differences));
    }

    private void replay(ExchangeFixture exchange, IdNormalizer normalizer, List<ReplayResult.Difference> out) {
        Message clientRequest = exchange.clientRequest();
        normalizer.normalize(clientRequest.body());
        upstream.clear();
        exchange.upstreamResponse().ifPresent(upstream::enqueue);
        HttpResponse<String> response = send(clientRequest);
        List<ReplayUpstream.Received> received = upstream.drain();

        Differ differ = new Differ(exchange.number(), out);
        Map<String, List<String>> upstreamHeaders = null;
        String upstreamBody = null;
        if (!received.isEmpty()) {
            upstreamHeaders = normalized(comparable(received.getFirst().headers()), normalizer);
            upstreamBody = normalizer.normalize(Pretty.jsonOrText(received.getFirst().body()));
        }
        Map<String, List<String>> responseHeaders = new TreeMap<>();
        response.headers().map().forEach((name, values) -> responseHeaders.put(name.toLowerCase(Locale.ROOT), values));
        Map<String, List<String>> clientHeaders = normalized(comparable(responseHeaders), normalizer);
        String clientBody = normalizer.normalize(response.body());

        if (rerecord) {
            rewrite(exchange, received, upstreamHeaders, upstreamBody, response.statusCode(), clientHeaders,
                    clientBody);
            return;
        }
        int expectedUpstream = exchange.upstreamRequest().isPresent() ? 1 : 0;
        differ.compare("number of upstream requests", Integer.toString(expectedUpstream),
                Integer.toString(received.size()));
        if (exchange.upstreamRequest().isPresent() && !received.isEmpty()) {
            Message recorded = exchange.upstreamRequest().get();
            differ.compare("upstream request path", path(recorded.target()), path(received.getFirst().target()));
            differ.compare("upstream request headers", text(comparable(recorded.headers())), text(upstreamHeaders));
            differ.compare("upstream request body", Canonical.json(recorded.body()), Canonical.json(upstreamBody));
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
        HttpRequest.Builder builder = HttpRequest.newBuilder(bridge.resolve(request.target() + query))
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

    /** Re-record: the sides of the exchange the bridge produces take the replay's values. */
    private static void rewrite(ExchangeFixture exchange, List<ReplayUpstream.Received> received,
                                Map<String, List<String>> upstreamHeaders, String upstreamBody, int status,
                                Map<String, List<String>> clientHeaders, String clientBody) {
        Path dir = exchange.dir();
        if (!received.isEmpty()) {
            String url = exchange.upstreamRequest().map(Message::target).orElse(received.getFirst().target());
            write(dir.resolve("upstream-request.json"), RecordingFormat.requestHead("POST", url, null, upstreamHeaders));
            write(dir.resolve("upstream-request.body.json"), upstreamBody);
        }
        write(dir.resolve("client-response.json"), RecordingFormat.responseHead(status, clientHeaders));
        String extension = RecordingFormat.bodyExtension(first(clientHeaders, "content-type"));
        for (String old : List.of("json", "sse", "txt")) {
            try {
                Files.deleteIfExists(dir.resolve("client-response.body." + old));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        write(dir.resolve("client-response.body." + extension),
                extension.equals("json") ? Pretty.jsonOrText(clientBody) : clientBody);
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
