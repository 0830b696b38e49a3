package dev.ccbridge.server.json;

import java.util.Arrays;

/**
 * A JSON object's bytes exactly as {@link JsonOutput} writes it, where they lie in the document it was read from.
 * Equal bytes are equal JSON, so a span keys what is derived from its object (a tool schema's token count) by a
 * vectorised compare instead of a walk of the object. The hash samples the bytes rather than reading them all: a
 * lookup then costs one pass, the compare, whichever the object's size.
 */
public final class JsonSpan {

    /** Bytes the hash reads, spread evenly over the span. */
    private static final int SAMPLES = 32;

    private final byte[] bytes;
    private final int from;
    private final int to;
    private final int hash;

    JsonSpan(byte[] bytes, int from, int to) {
        this.bytes = bytes;
        this.from = from;
        this.to = to;
        this.hash = sample(bytes, from, to);
    }

    /** @return how many bytes the object takes */
    public int length() {
        return to - from;
    }

    /** @return the same span in an array of its own, which does not keep its document's bytes alive */
    public JsonSpan detached() {
        return new JsonSpan(Arrays.copyOfRange(bytes, from, to), 0, to - from);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JsonSpan span && span.hash == hash
                && Arrays.equals(bytes, from, to, span.bytes, span.from, span.to);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    private static int sample(byte[] bytes, int from, int to) {
        int length = to - from;
        int hash = length;
        int step = Math.max(1, length / SAMPLES);
        for (int i = from + step / 2; i < to; i += step) {
            hash = 31 * hash + bytes[i];
        }
        return hash ^ hash >>> 16;
    }
}
