package dev.ccbridge.server.tokens;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * Remembers token counts by what was counted: a text, or a tool schema's bytes. Claude Code resends its system
 * prompt, tool definitions and the whole history on every turn, so the second request of a session only counts
 * what is new; looking a key up (a vectorised hash and compare) is several times cheaper than counting it again.
 * Bounded by the memory its entries take: when full, it starts over. Thread-safe.
 *
 * @param <K> what is counted
 */
final class CountCache<K> {

    /** What an entry costs besides its key's content: map node, boxed count, key's header. */
    private static final int ENTRY_OVERHEAD = 96;

    private final ToIntFunction<K> weight;
    private final UnaryOperator<K> kept;
    private final long maxBytes;
    private final ConcurrentHashMap<K, Integer> counts = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();

    /**
     * @param weight   the memory a key's content takes
     * @param kept     the key as the cache keeps it, which may not hold on to more than its content
     * @param maxBytes how much memory the entries may take
     */
    CountCache(ToIntFunction<K> weight, UnaryOperator<K> kept, long maxBytes) {
        this.weight = weight;
        this.kept = kept;
        this.maxBytes = maxBytes;
    }

    /**
     * @param key     what to count, as the cache finds it
     * @param counted what to count, as the counter takes it
     * @param counter counts it when it is not cached
     * @param <C>     what the counter takes
     * @return its token count
     */
    <C> int count(K key, C counted, ToIntFunction<C> counter) {
        Integer cached = counts.get(key);
        if (cached != null) {
            return cached;
        }
        int count = counter.applyAsInt(counted);
        long entry = weight.applyAsInt(key) + ENTRY_OVERHEAD;
        if (bytes.addAndGet(entry) > maxBytes) {
            counts.clear();
            bytes.set(entry);
        }
        counts.put(kept.apply(key), count);
        return count;
    }

    /** @return how many keys are cached now */
    int size() {
        return counts.size();
    }
}
