package dev.ccbridge.upstream.openai;

import dev.ccbridge.api.Capabilities;

import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * What a profile knows about a family of models: a model-name prefix and how it changes the profile's
 * capabilities (limits, reasoning, features). The first matching rule applies.
 *
 * @param prefix the model-name prefix, lower case, e.g. {@code gpt-4o}
 * @param adjust applied to the profile's capabilities
 */
public record ModelRule(String prefix, UnaryOperator<Capabilities.Builder> adjust) {

    /**
     * @param model a model name
     * @return whether this rule covers it (provider prefixes such as {@code openai/} are ignored)
     */
    public boolean covers(String model) {
        String name = model.toLowerCase(Locale.ROOT);
        int slash = name.lastIndexOf('/');
        return name.substring(slash + 1).startsWith(prefix);
    }

    /**
     * @param prefix        the model-name prefix
     * @param contextWindow the context window
     * @param maxOutput     the output cap
     * @return a rule that sets the two limits
     */
    public static ModelRule limits(String prefix, int contextWindow, int maxOutput) {
        return new ModelRule(prefix, b -> b.contextWindow(contextWindow).maxOutputTokens(maxOutput));
    }
}
