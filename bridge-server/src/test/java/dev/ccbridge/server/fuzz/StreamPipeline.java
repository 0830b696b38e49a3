package dev.ccbridge.server.fuzz;

import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.api.UpstreamEvent;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.anthropic.AnthropicJson;
import dev.ccbridge.server.anthropic.SseEncoder;
import dev.ccbridge.server.anthropic.StreamEvent;
import dev.ccbridge.server.openai.ChatChunk;
import dev.ccbridge.server.openai.ChunkDecoder;
import dev.ccbridge.server.openai.UpstreamEventReader;
import dev.ccbridge.server.stream.MessageAccumulator;
import dev.ccbridge.server.stream.StreamContext;
import dev.ccbridge.server.stream.StreamTranslator;
import dev.ccbridge.server.testing.AnthropicStreamGrammar;
import dev.ccbridge.server.testing.Json;
import dev.ccbridge.server.testing.SseEvent;
import dev.ccbridge.server.translate.ErrorMapping;
import dev.ccbridge.server.translate.ToolNames;
import dev.ccbridge.server.translate.UpstreamErrorBody;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The streaming relay's translation path without the sockets and threads: an upstream body read through
 * {@link UpstreamEventReader} in fragments of chosen sizes (so reads end inside UTF-8 characters, inside
 * {@code data:} lines, between CR and LF), the adapter's stream quirks, {@link ChunkDecoder},
 * {@link StreamTranslator} and {@link SseEncoder}. It follows the relay's rules: nothing is committed to the
 * client before the first usable chunk (an early error, {@code [DONE]}, malformed chunk or end is refused with
 * an HTTP error instead), and a body that ends or fails after the commit is closed through the translator, as the
 * relay does at end of stream.
 */
final class StreamPipeline {

    /** Tool names the client declared whose upstream aliases differ; upstreams answer with the aliases. */
    static final List<String> ALIASED_TOOLS = List.of(
            "mcp__claude_in_chrome__take_screenshot_of_the_currently_open_browser_tab_please", "tool.with.dots");
    /** Their aliases, which a client must never see. */
    static final List<String> ALIASES = ALIASED_TOOLS.stream().map(new ToolNames(64)::alias).toList();

    private static final Set<String> STOP_REASONS = Set.of("end_turn", "max_tokens", "stop_sequence", "tool_use",
            "refusal");

    /** What the client would get. */
    sealed interface Outcome {
    }

    /**
     * The attempt failed before anything was sent: the client gets an HTTP error (or the next upstream is tried).
     *
     * @param reason what went wrong
     */
    record Refused(String reason) implements Outcome {
    }

    /**
     * The client got a 200 stream.
     *
     * @param sse     the stream's bytes
     * @param message the same events folded into a message, as a non-streaming request gets them when the
     *                upstream streams anyway; {@code null} when the stream ended with an error
     */
    record Streamed(String sse, String message) implements Outcome {
    }

    private StreamPipeline() {
    }

    /**
     * @param body      the upstream body
     * @param fragments the sizes of successive reads, cycled; each at least 1
     * @param resetAt   the offset at which reading fails like a reset connection, or -1
     * @param quirks    the adapter's stream quirks
     * @return what the client gets
     */
    static Outcome run(byte[] body, int[] fragments, int resetAt, List<ChunkQuirk> quirks) {
        List<ChunkQuirk.Rewriter> rewriters = quirks.stream().map(ChunkQuirk::open).toList();
        UpstreamEventReader reader = new UpstreamEventReader(new FragmentedInput(body, fragments, resetAt));
        StreamTranslator translator = new StreamTranslator(context());
        SseEncoder encoder = new SseEncoder();
        MessageAccumulator folded = new MessageAccumulator();
        List<StreamEvent> events = new ArrayList<>();
        while (!translator.ended()) {
            // message_start is the first thing encoded, and nothing is drained before the end
            boolean committed = encoder.pending() > 0;
            UpstreamEvent event;
            try {
                event = reader.next();
            } catch (IOException e) {
                if (!committed) {
                    return new Refused("reset: " + e.getMessage());
                }
                translator.fail(new AnthropicError(502, "api_error", "the upstream connection failed"), events);
                event = null;
            }
            if (event == null && !translator.ended()) {
                if (!committed) {
                    return new Refused("closed the stream without sending anything");
                }
                translator.onEnd(events);
            }
            for (int i = 0; i < rewriters.size() && event != null; i++) {
                event = rewriters.get(i).rewrite(event);
            }
            Refused refused = event == null ? null : accept(event, committed, translator, encoder, folded, events);
            if (refused != null) {
                return refused;
            }
            events.forEach(encoder::append);
            events.forEach(folded::accept);
            events.clear();
        }
        String message = folded.error() == null
                ? new String(AnthropicJson.message(folded.message()), StandardCharsets.UTF_8) : null;
        return new Streamed(decodeStrictly(encoder.drain()), message);
    }

    /** One upstream event, as the relay takes it; a refusal when it ends the attempt before the commit. */
    private static Refused accept(UpstreamEvent event, boolean committed, StreamTranslator translator,
                                  SseEncoder encoder, MessageAccumulator folded, List<StreamEvent> events) {
        switch (event) {
            case UpstreamEvent.Data data -> {
                ChatChunk chunk = ChunkDecoder.decode(data.json());
                if (!committed && chunk.error() != null) {
                    return new Refused("in-band error: " + wellFormed(
                            ErrorMapping.inBand("upstream", UpstreamErrorBody.fromObject(chunk.error()))));
                }
                if (!committed) {
                    StreamEvent.MessageStart start = translator.start();
                    encoder.append(start);
                    folded.accept(start);
                }
                translator.onChunk(chunk, events);
            }
            case UpstreamEvent.Done done -> {
                if (!committed) {
                    return new Refused("[DONE] before any chunk");
                }
                translator.onDone(events);
            }
            case UpstreamEvent.Malformed malformed -> {
                if (!committed) {
                    return new Refused("malformed: " + malformed.problem());
                }
                translator.fail(new AnthropicError(502, "api_error", "malformed chunk: " + malformed.problem()),
                        events);
            }
            default -> {
            }
        }
        return null;
    }

    /**
     * Checks what a client gets: a stream in valid UTF-8 that passes the Anthropic stream grammar, with Anthropic
     * stop reasons, usage never negative and tool names mapped back from the upstream's aliases; and the same
     * events folded into a complete message.
     *
     * @param outcome what the client got
     */
    static void check(Outcome outcome) {
        if (!(outcome instanceof Streamed streamed)) {
            return;
        }
        if (streamed.message() != null) {
            checkMessage(streamed.message());
        }
        List<SseEvent> events = SseEvent.parse(streamed.sse());
        try {
            AnthropicStreamGrammar.check(events);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "\nclient stream:\n" + streamed.sse(), e);
        }
        for (SseEvent event : events) {
            switch (event.type()) {
                case "content_block_start" -> {
                    String name = event.data().getJsonObject("content_block").getString("name", null);
                    if (name != null && ALIASES.contains(name)) {
                        throw new AssertionError("tool_use named with the upstream alias " + name
                                + " instead of the client's name");
                    }
                }
                case "message_delta" -> {
                    String stopReason = event.data().getJsonObject("delta").getString("stop_reason");
                    if (!STOP_REASONS.contains(stopReason)) {
                        throw new AssertionError("not an Anthropic stop reason: " + stopReason);
                    }
                    for (var count : event.data().getJsonObject("usage").entrySet()) {
                        if (((JsonNumber) count.getValue()).intValue() < 0) {
                            throw new AssertionError("negative usage: " + event.data());
                        }
                    }
                }
                default -> {
                }
            }
        }
    }

    /** A folded message as the non-streaming path sends it: an Anthropic message with content and a stop reason. */
    private static void checkMessage(String message) {
        JsonObject json = Json.parseObject(message);
        if (!json.getString("type", "").equals("message") || json.getString("id", "").isEmpty()
                || !STOP_REASONS.contains(json.getString("stop_reason", "")) || json.getJsonArray("content") == null) {
            throw new AssertionError("not a complete message: " + message);
        }
        for (JsonValue block : json.getJsonArray("content")) {
            JsonObject b = block.asJsonObject();
            switch (b.getString("type")) {
                case "text" -> require(!b.getString("text").isBlank(), "an empty text block: " + message);
                case "thinking" -> require(!b.getString("thinking").isEmpty(), "an empty thinking block: " + message);
                case "tool_use" -> require(b.get("input") instanceof JsonObject && !b.getString("name").isEmpty()
                        && !b.getString("id").isEmpty(), "a tool_use without id, name or input: " + message);
                default -> throw new AssertionError("unknown block: " + message);
            }
        }
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError(problem);
        }
    }

    /**
     * Runs a body split three ways (whole, a byte at a time, and the given fragments); each outcome must pass
     * {@link #check} and all must be the same.
     *
     * @param body      the upstream body
     * @param fragments fragment sizes for the third split
     * @param resetAt   the offset at which reading fails, or -1
     * @param quirks    the adapter's stream quirks
     */
    static void checkSplits(byte[] body, int[] fragments, int resetAt, List<ChunkQuirk> quirks) {
        Outcome whole = run(body, new int[] {Math.max(1, body.length)}, resetAt, quirks);
        check(whole);
        Outcome bytewise = run(body, new int[] {1}, resetAt, quirks);
        Outcome fragmented = run(body, fragments, resetAt, quirks);
        if (!whole.equals(bytewise) || !whole.equals(fragmented)) {
            throw new AssertionError("the client stream depends on where the upstream body was split"
                    + "\nwhole:      " + whole + "\nbytewise:   " + bytewise + "\nfragments " + Arrays.toString(
                    fragments) + ": " + fragmented);
        }
    }

    private static StreamContext context() {
        ToolNames names = new ToolNames(64);
        ALIASED_TOOLS.forEach(names::alias);
        AtomicInteger toolIds = new AtomicInteger();
        return new StreamContext("msg_fuzz", "claude-sonnet-4-5", 42, names, GenericUpstreams.NAME,
                List.of("\n\nHuman:", "STOP"), () -> "toolu_fuzz_" + toolIds.incrementAndGet());
    }


    private static String wellFormed(AnthropicError error) {
        if (error.status() < 400 || error.status() > 599 || error.type() == null || error.type().isBlank()
                || error.message() == null || error.message().isBlank()) {
            throw new AssertionError("not a well-formed Anthropic error: " + error);
        }
        return error.status() + " " + error.type() + ": " + error.message();
    }

    private static String decodeStrictly(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new AssertionError("the client stream is not valid UTF-8", e);
        }
    }

    /** A body that arrives in reads of the given sizes, and fails at a given offset like a reset connection. */
    private static final class FragmentedInput extends InputStream {

        private final byte[] body;
        private final int[] fragments;
        private final int resetAt;
        private int position;
        private int reads;

        FragmentedInput(byte[] body, int[] fragments, int resetAt) {
            this.body = body;
            this.fragments = fragments;
            this.resetAt = resetAt <= body.length ? resetAt : -1;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (position == resetAt) {
                throw new IOException("connection reset at byte " + resetAt);
            }
            int end = resetAt >= 0 ? resetAt : body.length;
            if (position >= end) {
                return -1;
            }
            int size = Math.min(Math.min(length, fragments[reads++ % fragments.length]), end - position);
            System.arraycopy(body, position, buffer, offset, size);
            position += size;
            return size;
        }
    }
}
