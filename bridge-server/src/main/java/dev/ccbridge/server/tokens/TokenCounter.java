package dev.ccbridge.server.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the tokens of a translated (OpenAI-shaped) request with the o200k_base BPE, the tokenizer of most
 * current OpenAI-compatible models. Claude Code resends its system prompt, tool definitions and the whole history
 * on every turn, so counts of long strings are cached: the second request of a session only tokenizes what is new.
 * Thread-safe.
 */
public final class TokenCounter {

    /** Per-message framing tokens of the chat format. */
    private static final int PER_MESSAGE = 4;
    /** Tokens that prime the assistant's reply. */
    private static final int REPLY_PRIMING = 3;
    /** Framing tokens per tool definition. */
    private static final int PER_TOOL = 8;
    /** Below this, tokenizing is about as cheap as a cache lookup. */
    private static final int CACHE_MIN_LENGTH = 4;
    /** What an entry costs besides its characters: map node, boxed count, string header. */
    private static final int CACHE_ENTRY_OVERHEAD = 96;
    private static final long CACHE_MAX_BYTES = 48L * 1024 * 1024;

    private final Encoding encoding;
    private final ConcurrentHashMap<String, Integer> cache = new ConcurrentHashMap<>();
    private final AtomicLong cachedBytes = new AtomicLong();

    /** Loads the o200k_base ranks (a few hundred milliseconds; do it once at startup). */
    public TokenCounter() {
        this.encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }

    /**
     * @param text any text
     * @return its token count
     */
    public int count(String text) {
        if (text.isEmpty()) {
            return 0;
        }
        if (text.length() < CACHE_MIN_LENGTH) {
            return encoding.countTokensOrdinary(text);
        }
        Integer cached = cache.get(text);
        if (cached != null) {
            return cached;
        }
        int count = encoding.countTokensOrdinary(text);
        long size = text.length() + CACHE_ENTRY_OVERHEAD;
        if (cachedBytes.addAndGet(size) > CACHE_MAX_BYTES) {
            cache.clear();
            cachedBytes.set(size);
        }
        cache.put(text, count);
        return count;
    }

    /**
     * @return how many long strings are cached now
     */
    int cachedStrings() {
        return cache.size();
    }

    /**
     * @param request an OpenAI chat/completions request body
     * @return the tokens its prompt will take: messages, tools and framing
     */
    public int countRequest(JsonObject request) {
        int total = REPLY_PRIMING;
        if (request.get("messages") instanceof JsonArray messages) {
            for (JsonValue message : messages) {
                if (message instanceof JsonObject m) {
                    total += PER_MESSAGE + countMessage(m);
                }
            }
        }
        if (request.get("tools") instanceof JsonArray tools) {
            for (JsonValue tool : tools) {
                if (tool instanceof JsonObject t && t.get("function") instanceof JsonObject function) {
                    total += PER_TOOL + count(function.getString("name", ""))
                            + count(function.getString("description", ""));
                    if (function.get("parameters") instanceof JsonObject parameters) {
                        total += countJson(parameters);
                    }
                }
            }
        }
        if (request.get("response_format") instanceof JsonObject format) {
            total += countJson(format);
        }
        return total;
    }

    /**
     * The tokens of a JSON value as text, counted from its parts: each key and string with the BPE, one token for
     * each bracket, colon-and-quote run and scalar. Within 1% of tokenizing the written JSON on Claude Code's set of
     * tool schemas (a few percent on a single small one), without writing tens of kilobytes per request; the parts
     * are cached, the schemas being the same on every turn.
     */
    private int countJson(JsonValue value) {
        return switch (value) {
            case JsonObject object -> {
                int total = 1;
                for (Map.Entry<String, JsonValue> member : object.entrySet()) {
                    total += count(member.getKey()) + 1 + countJson(member.getValue());
                }
                yield total;
            }
            case JsonArray array -> {
                int total = 1;
                for (JsonValue element : array) {
                    total += countJson(element);
                }
                yield total;
            }
            case JsonString string -> count(string.getString()) + 1;
            default -> 1;
        };
    }

    private int countMessage(JsonObject message) {
        int total = 0;
        JsonValue content = message.get("content");
        if (content instanceof JsonString s) {
            total += count(s.getString());
        } else if (content instanceof JsonArray parts) {
            for (JsonValue part : parts) {
                if (part instanceof JsonObject p) {
                    total += countPart(p);
                }
            }
        }
        if (message.get("tool_calls") instanceof JsonArray calls) {
            for (JsonValue call : calls) {
                if (call instanceof JsonObject c && c.get("function") instanceof JsonObject function) {
                    total += PER_MESSAGE + count(function.getString("name", ""))
                            + count(function.getString("arguments", ""));
                }
            }
        }
        if (message.get("reasoning_content") instanceof JsonString reasoning) {
            total += count(reasoning.getString());
        }
        if (message.get("reasoning") instanceof JsonString reasoning) {
            total += count(reasoning.getString());
        }
        return total;
    }

    private int countPart(JsonObject part) {
        return switch (part.getString("type", "")) {
            case "text" -> count(part.getString("text", ""));
            case "image_url" -> part.get("image_url") instanceof JsonObject image
                    ? ImageTokens.estimate(image.getString("url", "")) : 0;
            case "file" -> part.get("file") instanceof JsonObject file
                    ? DocumentTokens.estimate(file.getString("file_data", "")) : 0;
            default -> 0;
        };
    }
}
