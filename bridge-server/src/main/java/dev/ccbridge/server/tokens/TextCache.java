package dev.ccbridge.server.tokens;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;

/**
 * Remembers the token counts of texts. Claude Code resends its system prompt, tool definitions and the whole
 * history on every turn, so the second request of a session only counts what is new; looking a text up (a
 * vectorised hash and compare) is several times cheaper than counting it again. Bounded by the memory its entries
 * take: when full, it starts over. Thread-safe.
 */
final class TextCache {

    /** What an entry costs besides its characters: map node, boxed count, string header. */
    private static final int ENTRY_OVERHEAD = 96;

    private final ToIntFunction<String> count;
    private final int minLength;
    private final long maxBytes;
    private final ConcurrentHashMap<String, Integer> counts = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param count     counts a text
     * @param minLength texts shorter than this are counted each time: cheaper than a lookup
     * @param maxBytes  how much memory the entries may take
     */
    TextCache(ToIntFunction<String> count, int minLength, long maxBytes) {
        this.count = count;
        this.minLength = minLength;
        this.maxBytes = maxBytes;
    }

    /**
     * @param text any text
     * @return its token count
     */
    int count(String text) {
        if (text.length() < minLength) {
            return count.applyAsInt(text);
        }
        Integer cached = counts.get(text);
        if (cached != null) {
            return cached;
        }
        int counted = count.applyAsInt(text);
        long size = text.length() + ENTRY_OVERHEAD;
        if (bytes.addAndGet(size) > maxBytes) {
            counts.clear();
            bytes.set(size);
        }
        counts.put(text, counted);
        return counted;
    }

    /** @return how many texts are cached now */
    int size() {
        return counts.size();
    }
}
