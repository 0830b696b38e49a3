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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The upstream side of a replay: answers each request with the next recorded upstream response (a stream is
 * written event by event, as it came) and keeps what it was sent for comparison. A request nothing is queued for
 * gets a 500, which the comparison then reports.
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

    private final WebServer server;
    private final ConcurrentLinkedQueue<Message> answers = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    /**
     * @param port the port, or 0 for any free one
     */
    public ReplayUpstream(int port) {
        this.server = WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                .routing(routing -> routing.any(this::answer))
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
     * @param response the recorded response to give to the next request
     */
    public void enqueue(Message response) {
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
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        req.headers().forEach(h -> headers.put(h.name().toLowerCase(Locale.ROOT), h.allValues()));
        received.add(new Received(req.path().rawPath() + (query.isEmpty() ? "" : "?" + query), headers, body));
        Message recorded = answers.poll();
        if (recorded == null) {
            res.status(Status.INTERNAL_SERVER_ERROR_500);
            res.send("{\"error\":{\"message\":\"replay: no recorded upstream response left\",\"type\":\"server_error\"}}");
            return;
        }
        res.status(Status.create(recorded.status()));
        recorded.headers().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name)) {
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

    private static final java.util.Set<String> HOP_BY_HOP = java.util.Set.of("content-length", "transfer-encoding",
            "connection", "keep-alive", "date");

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
