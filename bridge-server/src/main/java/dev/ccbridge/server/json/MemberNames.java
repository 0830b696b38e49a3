package dev.ccbridge.server.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The member names of the documents the bridge reads most: Messages requests with their tool schemas, and chat
 * completions and their stream chunks. A name among them is read as one shared string instead of a new one each
 * time: a request repeats {@code type} and {@code description} hundreds of times, and the shared string, being
 * the interned literal, also compares by identity with the names the bridge looks members up by.
 */
final class MemberNames {

    private static final String[] NAMES = {
        // Messages requests
        "model", "max_tokens", "system", "messages", "tools", "tool_choice", "thinking", "output_config",
        "stop_sequences", "temperature", "top_p", "top_k", "stream", "metadata", "user_id", "role", "content", "type",
        "text", "cache_control", "ttl", "id", "name", "input", "tool_use_id", "is_error", "signature", "source",
        "media_type", "data", "url", "title", "context", "citations", "budget_tokens", "effort", "format",
        "description", "input_schema", "defer_loading", "disable_parallel_tool_use", "tool_name",
        // JSON Schema
        "$schema", "properties", "required", "additionalProperties", "items", "enum", "const", "default", "minimum",
        "maximum", "exclusiveMinimum", "exclusiveMaximum", "minLength", "maxLength", "minItems", "maxItems",
        "pattern", "anyOf", "oneOf", "allOf", "not", "propertyNames", "uniqueItems", "$ref", "$defs", "definitions",
        "examples",
        // Chat completions and their chunks
        "object", "created", "choices", "index", "delta", "message", "finish_reason", "logprobs", "usage",
        "prompt_tokens", "completion_tokens", "total_tokens", "prompt_tokens_details", "cached_tokens",
        "completion_tokens_details", "reasoning_tokens", "tool_calls", "function", "arguments", "reasoning",
        "reasoning_content", "refusal", "annotations", "system_fingerprint", "service_tier", "error", "code",
        "param", "native_finish_reason", "provider",
    };

    private static final int MASK = 511;
    private static final String[] TABLE = new String[MASK + 1];
    private static final byte[][] TABLE_BYTES = new byte[MASK + 1][];
    private static final int LONGEST;

    static {
        int longest = 0;
        for (String name : NAMES) {
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            int slot = hash(bytes, 0, bytes.length) & MASK;
            while (TABLE[slot] != null) {
                slot = slot + 1 & MASK;
            }
            TABLE[slot] = name;
            TABLE_BYTES[slot] = bytes;
            longest = Math.max(longest, bytes.length);
        }
        LONGEST = longest;
    }

    private MemberNames() {
    }

    /**
     * @param in   bytes
     * @param from where a name's text starts, after its opening quote
     * @param to   where it ends, at its closing quote; the text between is ASCII without escapes
     * @return the shared string of that name, or {@code null} when it is not one of them
     */
    static String find(byte[] in, int from, int to) {
        if (to - from > LONGEST) {
            return null;
        }
        for (int slot = hash(in, from, to) & MASK; TABLE[slot] != null; slot = slot + 1 & MASK) {
            if (Arrays.equals(TABLE_BYTES[slot], 0, TABLE_BYTES[slot].length, in, from, to)) {
                return TABLE[slot];
            }
        }
        return null;
    }

    private static int hash(byte[] bytes, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        return h ^ h >>> 9;
    }
}
