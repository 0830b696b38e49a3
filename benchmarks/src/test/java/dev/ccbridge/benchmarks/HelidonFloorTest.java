package dev.ccbridge.benchmarks;

import dev.ccbridge.server.scripted.ScriptReader;
import dev.ccbridge.server.scripted.ScriptedUpstream;

import io.helidon.webserver.WebServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Helidon floor relays the bytes both ways, and ends a stream with the event the load harness waits for. */
class HelidonFloorTest {

    private static final String REQUEST = """
            {"model":"m","stream":%s,"messages":[{"role":"user","content":"hi \\u00e9"}]}""";

    private final HttpClient client = HttpClient.newHttpClient();
    private ScriptedUpstream upstream;
    private WebServer floor;

    @BeforeEach
    void start() {
        upstream = ScriptedUpstream.start(ScriptReader.parse("{\"rules\":[],\"fallback\":{\"text\":\"from the script\"}}"),
                0);
        floor = HelidonFloor.start(0, upstream.baseUrl());
    }

    @AfterEach
    void stop() {
        floor.stop();
        upstream.close();
    }

    @Test
    void relaysACompletionUnchanged() throws IOException, InterruptedException {
        HttpResponse<String> relayed = post("http://127.0.0.1:" + floor.port() + "/v1/messages", false);
        HttpResponse<String> direct = post(upstream.baseUrl() + "/chat/completions", false);

        assertEquals(200, relayed.statusCode());
        assertEquals("application/json", relayed.headers().firstValue("content-type").orElseThrow());
        assertEquals(withoutIds(direct.body()), withoutIds(relayed.body()));
        assertTrue(relayed.body().contains("from the script"), relayed.body());
        assertEquals(REQUEST.formatted(false).replace("\\u00e9", "é"), upstream.requests().getFirst().toString());
    }

    @Test
    void relaysAStreamAndEndsItWithMessageStop() throws IOException, InterruptedException {
        HttpResponse<String> relayed = post("http://127.0.0.1:" + floor.port() + "/v1/messages", true);
        HttpResponse<String> direct = post(upstream.baseUrl() + "/chat/completions", true);

        assertEquals(200, relayed.statusCode());
        assertEquals("text/event-stream", relayed.headers().firstValue("content-type").orElseThrow());
        assertTrue(direct.body().endsWith("data: [DONE]\n\n"), direct.body());
        assertEquals(withoutIds(direct.body()) + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n",
                withoutIds(relayed.body()));
    }

    /** The scripted upstream numbers its completions, and stamps them with the time. */
    private static String withoutIds(String body) {
        return body.replaceAll("chatcmpl-[A-Za-z0-9-]+", "ID").replaceAll("\"created\":\\d+", "T");
    }

    private HttpResponse<String> post(String uri, boolean stream) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(uri))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(REQUEST.formatted(stream)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
