package dev.ccbridge.server.stream;

import dev.ccbridge.server.testing.AnthropicStreamGrammar;
import dev.ccbridge.server.testing.ExpectedEvents;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every upstream transcript of the corpus (OpenAI, DeepSeek, GLM, Mistral, vLLM, Ollama, llama.cpp, OpenRouter,
 * truncated streams...) replayed through the bridge over real HTTP; the client stream must match the case's
 * {@code .expected.txt} and the Anthropic stream grammar, and the request the upstream saw must match OpenAI's
 * request schema.
 */
class UpstreamCorpusTest {

    private static final String REQUEST = """
            {"model":"claude-sonnet-4-5","max_tokens":1024,"stream":true,
             "messages":[{"role":"user","content":"What is the weather?"}]}""";

    private static UpstreamStub upstream;
    private static TestBridge bridge;

    @BeforeAll
    static void start() {
        upstream = UpstreamStub.start();
        bridge = TestBridge.forStub(upstream);
    }

    @AfterAll
    static void stop() {
        bridge.close();
        upstream.close();
    }

    static Stream<String> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(UpstreamCorpusTest.class.getResource("/upstream-corpus").toURI());
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".sse"))
                    .map(name -> name.substring(0, name.length() - 4))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bridgeOutputMatchesTheExpectedEvents(String name) {
        upstream.enqueue(UpstreamStub.sse(resource(name + ".sse")));

        TestBridge.Response response = bridge.post("/v1/messages?beta=true", REQUEST);

        assertEquals(200, response.status(), response.body());
        assertEquals("text/event-stream; charset=utf-8", response.header("content-type"));
        var events = response.events();
        AnthropicStreamGrammar.check(events);
        ExpectedEvents.parse(resource(name + ".expected.txt")).check(events);
        OpenAiRequestSchema.check(upstream.lastRequest().body());
    }

    static String resource(String name) {
        try (InputStream in = UpstreamCorpusTest.class.getResourceAsStream("/upstream-corpus/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
