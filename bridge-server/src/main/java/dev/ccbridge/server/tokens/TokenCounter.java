package dev.ccbridge.server.tokens;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

import jakarta.json.JsonObject;


/**
 * Counts the tokens of a translated (OpenAI-shaped) request with the o200k_base BPE, the tokenizer of most
 * current OpenAI-compatible models, for {@code count_tokens}. Claude Code resends its system prompt, tool
 * definitions and the whole history on every turn, so counts of texts are cached. Thread-safe.
 */
public final class TokenCounter {

    /** Below this, tokenizing is about as cheap as a cache lookup. */
    private static final int CACHE_MIN_LENGTH = 4;
    private static final long CACHE_MAX_BYTES = 48L * 1024 * 1024;

    private final LazyEncoding encoding = new LazyEncoding();
    private final RequestTokens requests = new RequestTokens(this::count);
    private final CountCache<String> cache = new CountCache<>(String::length, text -> text, CACHE_MAX_BYTES);

    /**
     * The o200k_base ranks take tens of megabytes and most of a second to load, and only {@code count_tokens}
     * needs them: they are loaded on first use.
     */
    private static final class LazyEncoding {

        private volatile Encoding encoding;

        Encoding get() {
            Encoding loaded = encoding;
            if (loaded == null) {
                synchronized (this) {
                    loaded = encoding;
                    if (loaded == null) {
                        loaded = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
                        encoding = loaded;
                    }
                }
            }
            return loaded;
        }
    }

    /**
     * @param text any text
     * @return its token count
     */
    public int count(String text) {
        if (text.length() < CACHE_MIN_LENGTH) {
            return text.isEmpty() ? 0 : bpe(text);
        }
        return cache.count(text, text, this::bpe);
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
        return requests.countRequest(request, null);
    }

    private int bpe(String text) {
        return encoding.get().countTokensOrdinary(text);
    }
}
