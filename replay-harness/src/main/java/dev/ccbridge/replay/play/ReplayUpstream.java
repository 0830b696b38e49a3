package dev.ccbridge.replay.play;

import dev.ccbridge.replay.fixture.Message;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The upstream side of a replay: answers each chat/completions request (any POST) with the next recorded upstream
 * response (a stream is written event by event, as it came) and keeps what it was sent for comparison. A request
 * nothing is queued for gets a 500, which the comparison then reports. An attempt recorded without an answer (a
 * connect failure, a timeout) is answered with a 503, which the bridge treats the same way: it tries the next
 * upstream. GET requests (a model catalog) get a 404 and are neither answered from the queue nor kept.
 */
public final class ReplayUpstream implements AutoCloseable {

    /**
     * A request the bridge sent.
     *
     * @param target  path and query
     * @param headers headers, names in lower case
     * @param body    the body
     */
    public record Received(String target, Map<String, List<String>> headers, String body) {
    }

    /**
     * Recorded headers not played back: they describe the original connection, or an encoding the recording no
     * longer has (the body was recorded decoded).
     */
    private static final Set<String> NOT_REPLAYED = Set.of("content-length", "transfer-encoding", "connection",
            "keep-alive", "date", "content-encoding");

    private final WebServer server;
    private final ConcurrentLinkedQueue<Optional<Message>> answers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    /**
     * @param port the port, or 0 for any free one
     */
    public ReplayUpstream(int port) {
        this.server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> routing.post("/*", this::answer).any(this::notFound))
                .build()
                .start();
    }

    /**
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * @param response the recorded response to give to the next request; empty for an attempt that got none
     */
    public void enqueue(Optional<Message> response) {
        answers.add(response);
    }

    /**
     * @return the requests received since the last call, in order
     */
    public List<Received> drain() {
        List<Received> out = new ArrayList<>();
        Received next;
        while ((next = received.poll()) != null) {
            out.add(next);
        }
        return out;
    }

    /** Drops queued answers and received requests. */
    public void clear() {
        answers.clear();
        received.clear();
    }

    @Override
    public void close() {
        server.stop();
    }

    private void answer(ServerRequest req, ServerResponse res) throws Exception {
        String body;
        try (InputStream in = req.content().inputStream()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String query = req.query().rawValue();
        Map<String, List<String>> headers = new LinkedHashMap<>();
        req.headers().forEach(h -> headers.put(h.name().toLowerCase(Locale.ROOT), h.allValues()));
        received.add(new Received(req.path().rawPath() + (query.isEmpty() ? "" : "?" + query), headers, body));
        Optional<Message> next = answers.poll();
        if (next == null) {
            res.status(Status.INTERNAL_SERVER_ERROR_500);
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send("{\"error\":{\"message\":\"replay: no recorded upstream response left\","
                    + "\"type\":\"server_error\"}}");
            return;
        }
        if (next.isEmpty()) {
            res.status(Status.SERVICE_UNAVAILABLE_503);
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send("{\"error\":{\"message\":\"replay: this attempt got no answer when it was recorded\","
                    + "\"type\":\"server_error\"}}");
            return;
        }
        Message recorded = next.get();
        res.status(Status.create(recorded.status()));
        recorded.headers().forEach((name, values) -> {
            if (!NOT_REPLAYED.contains(name)) {
                res.header(HeaderNames.create(name), values.toArray(String[]::new));
            }
        });
        if (!"sse".equals(recorded.extension())) {
            if (recorded.header("content-type") == null) {
                res.header(HeaderValues.CONTENT_TYPE_JSON);
            }
            res.send(recorded.body().getBytes(StandardCharsets.UTF_8));
            return;
        }
        try (OutputStream out = res.outputStream()) {
            for (String event : events(recorded.body())) {
                out.write(event.getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }
    }

    private void notFound(ServerRequest req, ServerResponse res) {
        res.status(Status.NOT_FOUND_404);
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send("{\"error\":{\"message\":\"replay: only chat/completions is played\",\"type\":\"not_found\"}}");
    }

    private static List<String> events(String sse) {
        List<String> events = new ArrayList<>();
        int start = 0;
        while (start < sse.length()) {
            int end = sse.indexOf("\n\n", start);
            if (end < 0) {
                events.add(sse.substring(start));
                break;
            }
            events.add(sse.substring(start, end + 2));
            start = end + 2;
        }
        return events;
    }
}
