package dev.ccbridge.server.stream;

import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.anthropic.StreamEvent;
import dev.ccbridge.server.anthropic.StreamEvent.BlockKind;
import dev.ccbridge.server.anthropic.StreamEvent.DeltaKind;
import dev.ccbridge.server.anthropic.TokenUsage;
import dev.ccbridge.server.openai.ChatChunk;
import dev.ccbridge.server.openai.ToolCallDelta;
import dev.ccbridge.server.openai.Usage;
import dev.ccbridge.server.translate.CompletionTranslator;
import dev.ccbridge.server.translate.ErrorMapping;
import dev.ccbridge.server.translate.StopReasons;
import dev.ccbridge.server.translate.ThinkingSignature;
import dev.ccbridge.server.translate.UpstreamErrorBody;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the chunks of one OpenAI chat/completions stream into Anthropic Messages stream events.
 *
 * <p>The rules, each of which some client depends on:
 * <ul>
 *   <li>Blocks open lazily, on the first non-empty piece, so no block is ever empty; at most one block is open;
 *       a new kind of content closes the open block. Indices count up from 0 in emission order.</li>
 *   <li>Text that is only whitespace is held back until real text follows; if a tool call or the end comes
 *       first it is dropped (a whitespace-only text block confuses clients).</li>
 *   <li>Thinking blocks end with a {@code signature_delta} that records which upstream field the reasoning came
 *       from ({@link ThinkingSignature}).</li>
 *   <li>A tool_use block opens with {@code input:{}} once the call's name is known; its arguments follow as
 *       {@code input_json_delta}s that always add up to one JSON object ({@link ToolInputJson}). Tool calls
 *       that start while another tool block is open wait, buffered, and are emitted in order when it closes,
 *       since Anthropic blocks are strictly sequential and some upstreams interleave calls.</li>
 *   <li>{@code finish_reason} closes the content; the {@code message_delta} waits for {@code [DONE]} or the end
 *       of the stream, because usage usually arrives after the finish reason.</li>
 *   <li>An in-band error, or a stream that ends without a finish reason, ends with an {@code error} event and
 *       no {@code message_delta}/{@code message_stop}: a truncated answer must not look complete.</li>
 * </ul>
 * Not thread-safe: one instance per stream, driven by one thread.
 */
public final class StreamTranslator {

    /** Where the stream is. */
    private enum Phase {
        /** Content may arrive. */
        STREAMING,
        /** A finish reason arrived; usage may still come before the end. */
        FINISHED,
        /** message_stop or error was emitted; nothing more is emitted. */
        ENDED
    }

    private final StreamContext context;
    private final Map<Integer, ToolCallState> tools = new HashMap<>();
    private final ArrayDeque<ToolCallState> waitingTools = new ArrayDeque<>();
    private final StringBuilder heldWhitespace = new StringBuilder();

    private Phase phase = Phase.STREAMING;
    private BlockKind openKind;
    private int openIndex = -1;
    private ToolCallState openTool;
    private String openReasoningField;
    private int nextIndex;
    private boolean toolUsed;
    private boolean refused;
    private String finishReason;
    private String matchedStop;
    private Usage usage;
    private long outputChars;

    /**
     * @param context the request's translation context
     */
    public StreamTranslator(StreamContext context) {
        this.context = context;
    }

    /**
     * @return the {@code message_start} event that opens the stream
     */
    public StreamEvent.MessageStart start() {
        return new StreamEvent.MessageStart(context.messageId(), context.clientModel(),
                context.inputTokenEstimate());
    }

    /**
     * @param chunk an upstream chunk
     * @param out   receives the events it produces
     */
    public void onChunk(ChatChunk chunk, List<StreamEvent> out) {
        if (phase == Phase.ENDED) {
            return;
        }
        if (chunk.error() != null) {
            fail(ErrorMapping.inBand(context.upstreamName(), UpstreamErrorBody.fromObject(chunk.error())), out);
            return;
        }
        if (chunk.reasoning() != null) {
            thinking(chunk.reasoning(), chunk.reasoningField(), out);
        }
        if (chunk.content() != null) {
            text(chunk.content(), out);
        }
        if (chunk.refusal() != null) {
            refused = true;
            text(chunk.refusal(), out);
        }
        for (ToolCallDelta delta : chunk.toolCalls()) {
            tool(delta, out);
        }
        if (chunk.usage() != null) {
            usage = chunk.usage();
        }
        if (chunk.finishReason() != null) {
            if (StopReasons.isFailure(chunk.finishReason())) {
                fail(new AnthropicError(502, "api_error", "upstream '" + context.upstreamName()
                        + "' ended the stream with finish_reason '" + chunk.finishReason() + "'; the answer is "
                        + "incomplete: retry, and check the upstream's status if it keeps happening"), out);
                return;
            }
            finishReason = chunk.finishReason();
            matchedStop = chunk.matchedStop();
            closeAll(out);
            phase = Phase.FINISHED;
        }
    }

    /**
     * The upstream sent {@code data: [DONE]}.
     *
     * @param out receives the closing events
     */
    public void onDone(List<StreamEvent> out) {
        if (phase == Phase.ENDED) {
            return;
        }
        if (finishReason == null) {
            fail(new AnthropicError(502, "api_error", "upstream '" + context.upstreamName()
                    + "' ended the stream without a finish reason; the answer may be incomplete: retry, and check "
                    + "the upstream's status if it keeps happening"), out);
            return;
        }
        complete(out);
    }

    /**
     * The upstream's stream ended without {@code [DONE]}: complete if a finish reason arrived, else fail.
     *
     * @param out receives the closing events
     */
    public void onEnd(List<StreamEvent> out) {
        if (phase == Phase.ENDED) {
            return;
        }
        if (finishReason == null) {
            fail(new AnthropicError(502, "api_error", "the stream of upstream '" + context.upstreamName()
                    + "' ended unexpectedly (no finish reason, no [DONE]); the answer is incomplete: retry, and if it "
                    + "keeps happening check the upstream, and any proxy between it and the bridge that cuts long "
                    + "responses"), out);
            return;
        }
        complete(out);
    }

    /**
     * Ends the stream with an error event.
     *
     * @param error the error
     * @param out   receives the error event
     */
    public void fail(AnthropicError error, List<StreamEvent> out) {
        if (phase == Phase.ENDED) {
            return;
        }
        out.add(new StreamEvent.Error(error));
        phase = Phase.ENDED;
    }

    /**
     * @return whether message_stop or an error was emitted
     */
    public boolean ended() {
        return phase == Phase.ENDED;
    }

    /**
     * @return the usage the stream reported (or estimated), as sent in message_delta
     */
    public TokenUsage usage() {
        return CompletionTranslator.usage(usage, context::inputTokenEstimate, outputChars);
    }

    /**
     * @return the stop reason, once finished; {@code null} before
     */
    public String stopReason() {
        return finishReason == null ? null : stop().stopReason();
    }

    private StopReasons.Stop stop() {
        return StopReasons.of(finishReason, toolUsed, refused, matchedStop, context.stopSequences());
    }

    private void complete(List<StreamEvent> out) {
        closeAll(out);
        StopReasons.Stop stop = stop();
        out.add(new StreamEvent.MessageDelta(stop.stopReason(), stop.stopSequence(), usage()));
        out.add(new StreamEvent.MessageStop());
        phase = Phase.ENDED;
    }

    private void thinking(String text, String field, List<StreamEvent> out) {
        heldWhitespace.setLength(0);
        if (openKind != BlockKind.THINKING) {
            closeAll(out);
            open(BlockKind.THINKING, out);
            openReasoningField = field;
        }
        delta(DeltaKind.THINKING, text, out);
    }

    private void text(String text, List<StreamEvent> out) {
        if (openKind == BlockKind.TEXT) {
            delta(DeltaKind.TEXT, text, out);
            return;
        }
        if (text.isBlank()) {
            heldWhitespace.append(text);
            return;
        }
        closeAll(out);
        open(BlockKind.TEXT, out);
        if (!heldWhitespace.isEmpty()) {
            text = heldWhitespace.append(text).toString();
            heldWhitespace.setLength(0);
        }
        delta(DeltaKind.TEXT, text, out);
    }

    private void tool(ToolCallDelta delta, List<StreamEvent> out) {
        heldWhitespace.setLength(0);
        ToolCallState call = tools.computeIfAbsent(delta.index(), index -> new ToolCallState());
        if (call.id == null && delta.id() != null) {
            call.id = delta.id();
        }
        if (call.name == null && delta.name() != null) {
            call.name = context.toolNames().original(delta.name());
        }
        String arguments = delta.arguments();
        boolean hasArguments = arguments != null && !arguments.isEmpty();
        switch (call.stage) {
            case OPEN -> {
                if (hasArguments) {
                    input(call, arguments, out);
                }
            }
            case WAITING -> {
                if (hasArguments) {
                    call.arguments.append(arguments);
                }
                if (!waitingTools.contains(call)) {
                    waitingTools.add(call);
                }
                openNextTool(out);
            }
            case CLOSED -> {
            }
        }
    }

    /** Opens the first waiting tool call when no tool block is open and its name is known. */
    private void openNextTool(List<StreamEvent> out) {
        ToolCallState next = waitingTools.peek();
        if (openKind == BlockKind.TOOL_USE || next == null || next.name == null) {
            return;
        }
        waitingTools.poll();
        closeOpenBlock(out);
        openTool(next, out);
    }

    private void openTool(ToolCallState call, List<StreamEvent> out) {
        if (call.id == null) {
            call.id = context.toolIds().get();
        }
        openIndex = nextIndex++;
        openKind = BlockKind.TOOL_USE;
        openTool = call;
        call.stage = ToolCallState.Stage.OPEN;
        toolUsed = true;
        out.add(new StreamEvent.BlockStart(openIndex, BlockKind.TOOL_USE, call.id, call.name));
        if (!call.arguments.isEmpty()) {
            input(call, call.arguments.toString(), out);
        }
    }

    private void input(ToolCallState call, String arguments, List<StreamEvent> out) {
        String json = call.input.append(arguments);
        if (!json.isEmpty()) {
            delta(DeltaKind.INPUT_JSON, json, out);
        }
    }

    /** Closes the open block, then emits every waiting tool call whole, in order. */
    private void closeAll(List<StreamEvent> out) {
        closeOpenBlock(out);
        while (!waitingTools.isEmpty()) {
            ToolCallState call = waitingTools.poll();
            if (call.name == null) {
                continue;
            }
            openTool(call, out);
            closeOpenBlock(out);
        }
    }

    private void open(BlockKind kind, List<StreamEvent> out) {
        openIndex = nextIndex++;
        openKind = kind;
        out.add(new StreamEvent.BlockStart(openIndex, kind, null, null));
    }

    private void closeOpenBlock(List<StreamEvent> out) {
        if (openKind == null) {
            return;
        }
        if (openKind == BlockKind.THINKING) {
            String field = openReasoningField == null ? "reasoning_content" : openReasoningField;
            out.add(new StreamEvent.BlockDelta(openIndex, DeltaKind.SIGNATURE,
                    new ThinkingSignature(context.upstreamName(), field).encode()));
        }
        if (openTool != null) {
            String rest = openTool.input.finish();
            if (!rest.isEmpty()) {
                delta(DeltaKind.INPUT_JSON, rest, out);
            }
            openTool.stage = ToolCallState.Stage.CLOSED;
            openTool = null;
        }
        out.add(new StreamEvent.BlockStop(openIndex));
        openKind = null;
        openReasoningField = null;
    }

    private void delta(DeltaKind kind, String value, List<StreamEvent> out) {
        outputChars += value.length();
        out.add(new StreamEvent.BlockDelta(openIndex, kind, value));
    }
}
