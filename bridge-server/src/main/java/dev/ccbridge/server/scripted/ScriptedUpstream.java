package dev.ccbridge.server.scripted;


import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic OpenAI-compatible upstream that answers from a {@link Script}: {@code POST .../chat/completions}
 * (streamed or not) and {@code GET .../models}. Ids count up per instance ({@code chatcmpl-scripted-1},
 * {@code call_1}), so a session replays the same way every time.
 */
public final class ScriptedUpstream implements AutoCloseable {

    /** The one model it lists and names in its answers. */
    public static final String MODEL = "scripted-model";

    private static final System.Logger LOG = System.getLogger("ccbridge.scripted-upstream");

    private final RuleBook rules;
    private final WebServer server;
    /** How many of the latest request bodies it keeps: a demo may run all day under a Claude Code session. */
    static final int KEPT_REQUESTS = 64;

    private final Deque<JsonObject> recent = new ArrayDeque<>();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger completions = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();

    private ScriptedUpstream(Script script, String host, int port) {
        this.rules = new RuleBook(script);
        this.server = WebServer.builder()
                .host(host)
                .port(port)
                .routing(routing -> routing
                        .post("/*", this::chatCompletions)
                        .get("/*", this::models))
                .build()
                .start();
    }

    /**
     * @param script the script
     * @param port   the port, or 0 for any free one
     * @return a started upstream on 127.0.0.1
     */
    public static ScriptedUpstream start(Script script, int port) {
        return new ScriptedUpstream(script, "127.0.0.1", port);
    }

    /**
     * @return the port
     */
    public int port() {
        return server.port();
    }

    /**
     * @return the base URL to give the bridge
     */
    public String baseUrl() {
        return "http://127.0.0.1:" + port() + "/v1";
    }

    /**
     * @return the latest request bodies received, up to {@value #KEPT_REQUESTS}, oldest first
     */
    public List<JsonObject> requests() {
        synchronized (recent) {
            return List.copyOf(recent);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    private void chatCompletions(ServerRequest req, ServerResponse res) throws Exception {
        if (!req.path().path().endsWith("/chat/completions")) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        JsonObject body;
        try (InputStream in = req.content().inputStream(); JsonReader reader = Json.createReader(in)) {
            body = reader.readObject();
        }
        int number = received.incrementAndGet();
        synchronized (recent) {
            if (recent.size() == KEPT_REQUESTS) {
                recent.removeFirst();
            }
            recent.addLast(body);
        }
        ChatRequestView request = new ChatRequestView(body);
        RuleBook.Choice choice = rules.choose(request);
        Reply reply = choice.reply();
        LOG.log(System.Logger.Level.INFO, () -> "request " + number + ": "
                + (choice.rule() == null ? "fallback" : "rule '" + choice.rule().name() + "'")
                + (request.stream() ? " (stream)" : ""));
        if (reply.firstByteMillis() > 0) {
            Thread.sleep(reply.firstByteMillis());
        }
        reply.headers().forEach((name, value) -> res.header(name, value));
        if (reply.isError()) {
            res.status(Status.create(reply.status()));
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(reply.errorBody() == null ? "{}" : reply.errorBody().toString());
            return;
        }
        ReplyWriter writer = new ReplyWriter(reply, request, "chatcmpl-scripted-" + completions.incrementAndGet(),
                calls::incrementAndGet);
        if (!request.stream()) {
            res.header(HeaderValues.CONTENT_TYPE_JSON);
            res.send(writer.completion().toString());
            return;
        }
        res.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/event-stream"));
        try (OutputStream out = res.outputStream()) {
            writer.stream(out);
        }
    }

    private void models(ServerRequest req, ServerResponse res) {
        res.header(HeaderValues.CONTENT_TYPE_JSON);
        res.send("{\"object\":\"list\",\"data\":[{\"id\":\"" + MODEL + "\",\"object\":\"model\"}]}");
    }
}
