package dev.ccbridge.server.translate;

import java.util.Optional;

/**
 * The signature the bridge puts on thinking blocks it makes from an upstream's reasoning. Anthropic signatures
 * are opaque and echoed back verbatim by clients, so the bridge uses the slot to remember, without server state,
 * which upstream produced the reasoning and in which field; on the next turn it can send that reasoning back to
 * the same upstream (DeepSeek, Kimi and GLM thinking modes reject a turn without it) and nowhere else.
 *
 * <p>Form: {@code ccbridge.v1.<upstream>.<field>}; field names never contain dots, so the last dot separates them.
 *
 * @param upstream the configured upstream's name
 * @param field    the response field the reasoning came from, e.g. {@code reasoning_content}
 */
public record ThinkingSignature(String upstream, String field) {

    private static final String PREFIX = "ccbridge.v1.";

    /**
     * @return the signature text
     */
    public String encode() {
        return PREFIX + upstream + "." + field;
    }

    /**
     * @param signature a signature from a thinking block, possibly {@code null} or foreign
     * @return the decoded signature when the bridge issued it
     */
    public static Optional<ThinkingSignature> decode(String signature) {
        if (signature == null || !signature.startsWith(PREFIX)) {
            return Optional.empty();
        }
        String rest = signature.substring(PREFIX.length());
        int dot = rest.lastIndexOf('.');
        if (dot <= 0 || dot == rest.length() - 1) {
            return Optional.empty();
        }
        return Optional.of(new ThinkingSignature(rest.substring(0, dot), rest.substring(dot + 1)));
    }
}
