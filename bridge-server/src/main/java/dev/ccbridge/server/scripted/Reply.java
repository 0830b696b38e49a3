package dev.ccbridge.server.scripted;

import jakarta.json.JsonObject;

import java.util.List;
import java.util.Map;

/**
 * What the scripted model answers. A reply is either an HTTP error ({@code status} other than 200, with
 * {@code errorBody}) or a completion: reasoning, then text, then tool calls, streamed in pieces of
 * {@code chunkChars} characters when the request streams.
 *
 * @param status          the HTTP status; 200 for a completion
 * @param headers         extra response headers (e.g. {@code retry-after})
 * @param errorBody       the body of an error reply
 * @param reasoning       reasoning text, sent as {@code reasoning_content}, or {@code null}
 * @param text            answer text, or {@code null}
 * @param toolCalls       tool calls, in order
 * @param finishReason    the finish reason, or {@code null} for the natural one
 * @param usage           {@code prompt_tokens}, {@code completion_tokens}, {@code cached_tokens}; missing values
 *                        are counted from the request and reply
 * @param streamError     an error object to send mid-stream after the content, ending the stream without
 *                        {@code [DONE]}, or {@code null}
 * @param chunkChars      characters per streamed piece
 * @param delayMillis     pause between streamed pieces
 * @param firstByteMillis pause before the response starts
 */
public record Reply(int status,
                    Map<String, String> headers,
                    JsonObject errorBody,
                    String reasoning,
                    String text,
                    List<ToolCall> toolCalls,
                    String finishReason,
                    Map<String, Integer> usage,
                    JsonObject streamError,
                    int chunkChars,
                    int delayMillis,
                    int firstByteMillis) {

    /** Characters per streamed piece when a script says nothing. */
    public static final int DEFAULT_CHUNK_CHARS = 12;

    /**
     * @param text answer text
     * @return a plain text reply
     */
    public static Reply text(String text) {
        return new Reply(200, Map.of(), null, null, text, List.of(), null, Map.of(), null, DEFAULT_CHUNK_CHARS, 0, 0);
    }

    /**
     * @return whether this reply is an HTTP error
     */
    public boolean isError() {
        return status != 200;
    }
}
