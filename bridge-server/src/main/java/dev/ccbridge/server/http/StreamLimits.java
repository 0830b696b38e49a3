package dev.ccbridge.server.http;

import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.observe.KeyFingerprint;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code bridge.max-streams-per-key}: how many streams one caller may have open at once, so that one runaway client
 * (or a leaked key) cannot hold every upstream connection. A caller is the key that admits it ({@link
 * CallerAuth#admittingKey}), kept only as a fingerprint; callers without a key share one count. A caller over the
 * limit gets 429 {@code rate_limit_error} with {@code retry-after}, which Claude Code honours.
 */
final class StreamLimits {

    /** A stream counted against its caller; closing it ends the count. */
    interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** The permit of a request that is not counted: a whole one, or any when there is no limit. */
    static final Permit UNCOUNTED = () -> {
    };

    private static final String RETRY_AFTER_SECONDS = "5";

    private final int max;
    private final Map<String, Integer> open = new ConcurrentHashMap<>();

    /**
     * @param max streams per caller; 0 for no limit
     */
    StreamLimits(int max) {
        this.max = max;
    }

    /**
     * @param admittingKey the key that admits the caller, or {@code null}
     * @return a permit, or empty when the caller has as many streams open as it may
     */
    Optional<Permit> tryOpen(String admittingKey) {
        if (max == 0) {
            return Optional.of(UNCOUNTED);
        }
        String caller = admittingKey == null ? "" : KeyFingerprint.of(admittingKey);
        boolean[] admitted = {false};
        open.compute(caller, (key, count) -> {
            int current = count == null ? 0 : count;
            if (current >= max) {
                return count;
            }
            admitted[0] = true;
            return current + 1;
        });
        if (!admitted[0]) {
            return Optional.empty();
        }
        return Optional.of(() -> open.computeIfPresent(caller, (key, count) -> count <= 1 ? null : count - 1));
    }

    /**
     * @return the error for a caller over the limit
     */
    AnthropicError refusal() {
        return new AnthropicError(429, "rate_limit_error", "this caller already has " + max + " streams open, the "
                + "most the bridge allows per key (bridge.max-streams-per-key); retry when one has finished",
                RETRY_AFTER_SECONDS);
    }
}
