package dev.ccbridge.upstream.openai;

import dev.ccbridge.api.AdapterConfigException;
import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.ChunkQuirk;
import dev.ccbridge.api.Feature;
import dev.ccbridge.api.ReasoningDialect;
import dev.ccbridge.api.SchemaDialect;
import dev.ccbridge.api.TokenLimitField;
import dev.ccbridge.upstream.openai.quirks.ContentPartsArray;
import dev.ccbridge.upstream.openai.quirks.DeepSeekReasoningEcho;
import dev.ccbridge.upstream.openai.quirks.ErrorFieldLine;
import dev.ccbridge.upstream.openai.quirks.KeepAliveComments;
import dev.ccbridge.upstream.openai.quirks.MistralRoleOrder;
import dev.ccbridge.upstream.openai.quirks.MistralToolIds;
import dev.ccbridge.upstream.openai.quirks.RepeatedToolCallIds;
import dev.ccbridge.upstream.openai.quirks.ToolCallsWithoutIndex;
import dev.ccbridge.upstream.openai.quirks.UsageInsideChoice;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The ready-made upstream profiles, by name. Limits are the vendors' published figures for current models; any of
 * them can be overridden per upstream ({@link CapabilitySettings}).
 */
public final class Profiles {

    /** The profile used when none is named. */
    public static final String DEFAULT = "openai-compatible";

    /**
     * Stream repairs safe for every upstream: each acts only on chunks that show its deviation, so a standard
     * stream passes through them unchanged.
     */
    static final List<ChunkQuirk> SHAPE_QUIRKS = List.of(new KeepAliveComments(), new ErrorFieldLine(),
            new ContentPartsArray(), new ToolCallsWithoutIndex(), new RepeatedToolCallIds(), new UsageInsideChoice());

    private static final Set<Feature> COMMON = EnumSet.of(Feature.IMAGES, Feature.TOOL_CHOICE,
            Feature.PARALLEL_TOOL_CALLS, Feature.STREAM_USAGE, Feature.STOP_SEQUENCES, Feature.SAMPLING);

    private static final Map<String, Profile> PROFILES = new LinkedHashMap<>();

    static {
        add(new Profile(DEFAULT, "any OpenAI-compatible server", null, AuthStyle.BEARER,
                caps(COMMON, b -> b), List.of(), SHAPE_QUIRKS, List.of()));
        add(new Profile("openai", "OpenAI", "https://api.openai.com/v1", AuthStyle.BEARER,
                caps(with(COMMON, Feature.PDF_FILES, Feature.JSON_SCHEMA_OUTPUT, Feature.USER,
                        Feature.PROMPT_CACHE_KEY), b -> b.tokenLimitField(TokenLimitField.MAX_COMPLETION_TOKENS)),
                openAiModels(), SHAPE_QUIRKS, List.of()));
        add(new Profile("azure", "Azure OpenAI (deployment names as models)", null, AuthStyle.API_KEY_HEADER,
                caps(with(COMMON, Feature.PDF_FILES, Feature.JSON_SCHEMA_OUTPUT, Feature.USER),
                        b -> b.tokenLimitField(TokenLimitField.MAX_COMPLETION_TOKENS)),
                openAiModels(), SHAPE_QUIRKS, List.of()));
        add(new Profile("deepseek", "DeepSeek", "https://api.deepseek.com/v1", AuthStyle.BEARER,
                caps(without(COMMON, Feature.IMAGES), b -> b.reasoningDialect(ReasoningDialect.THINKING_TOGGLE)
                        .reasoningEcho(true).contextWindow(131072).maxOutputTokens(8192)),
                List.of(ModelRule.limits("deepseek-reasoner", 131072, 65536),
                        ModelRule.limits("deepseek-chat", 131072, 8192)),
                SHAPE_QUIRKS, List.of(new DeepSeekReasoningEcho())));
        add(new Profile("openrouter", "OpenRouter", "https://openrouter.ai/api/v1", AuthStyle.BEARER,
                caps(with(COMMON, Feature.PDF_FILES, Feature.JSON_SCHEMA_OUTPUT, Feature.USER, Feature.TOP_K),
                        b -> b.reasoningDialect(ReasoningDialect.REASONING_OBJECT)),
                List.of(), SHAPE_QUIRKS, List.of()));
        add(new Profile("groq", "Groq", "https://api.groq.com/openai/v1", AuthStyle.BEARER,
                caps(with(COMMON, Feature.USER, Feature.JSON_SCHEMA_OUTPUT), b -> b),
                List.of(new ModelRule("gpt-oss", b -> b.reasoningDialect(ReasoningDialect.REASONING_EFFORT)
                                .contextWindow(131072).maxOutputTokens(65536)),
                        ModelRule.limits("llama-3.3-70b", 131072, 32768)),
                SHAPE_QUIRKS, List.of()));
        add(new Profile("together", "Together AI", "https://api.together.xyz/v1", AuthStyle.BEARER,
                caps(with(COMMON, Feature.TOP_K, Feature.JSON_SCHEMA_OUTPUT), b -> b), List.of(), SHAPE_QUIRKS,
                List.of()));
        // Mistral refuses stream_options with 422 "extra_forbidden"; it sends usage on the finish chunk anyway.
        add(new Profile("mistral", "Mistral AI", "https://api.mistral.ai/v1", AuthStyle.BEARER,
                caps(without(with(COMMON, Feature.JSON_SCHEMA_OUTPUT), Feature.STREAM_USAGE), b -> b),
                List.of(ModelRule.limits("magistral", 131072, 40000), ModelRule.limits("mistral-large", 131072, 0),
                        ModelRule.limits("codestral", 262144, 0)),
                SHAPE_QUIRKS, List.of(new MistralToolIds(), new MistralRoleOrder())));
        add(new Profile("gemini", "Google Gemini (OpenAI-compatible endpoint)",
                "https://generativelanguage.googleapis.com/v1beta/openai", AuthStyle.BEARER,
                caps(without(with(COMMON, Feature.JSON_SCHEMA_OUTPUT), Feature.PARALLEL_TOOL_CALLS),
                        b -> b.reasoningDialect(ReasoningDialect.REASONING_EFFORT)
                                .schemaDialect(SchemaDialect.RESTRICTED).contextWindow(1048576).maxOutputTokens(65535)),
                geminiModels(), SHAPE_QUIRKS, List.of()));
        add(new Profile("vllm", "vLLM", "http://127.0.0.1:8000/v1", AuthStyle.BEARER,
                caps(with(COMMON, Feature.TOP_K, Feature.JSON_SCHEMA_OUTPUT), b -> b), List.of(), SHAPE_QUIRKS,
                List.of()));
        add(new Profile("ollama", "Ollama", "http://127.0.0.1:11434/v1", AuthStyle.BEARER,
                caps(without(COMMON, Feature.TOOL_CHOICE, Feature.PARALLEL_TOOL_CALLS),
                        b -> b.reasoningDialect(ReasoningDialect.REASONING_EFFORT)),
                List.of(), SHAPE_QUIRKS, List.of()));
        add(new Profile("llamacpp", "llama.cpp server", "http://127.0.0.1:8080/v1", AuthStyle.BEARER,
                caps(with(COMMON, Feature.TOP_K, Feature.JSON_SCHEMA_OUTPUT), b -> b), List.of(), SHAPE_QUIRKS,
                List.of()));
        add(new Profile("lmstudio", "LM Studio", "http://127.0.0.1:1234/v1", AuthStyle.BEARER,
                caps(with(COMMON, Feature.JSON_SCHEMA_OUTPUT), b -> b), List.of(), SHAPE_QUIRKS, List.of()));
    }

    private Profiles() {
    }

    /**
     * @param name a profile name
     * @return the profile
     * @throws AdapterConfigException listing the profiles when the name is unknown
     */
    public static Profile named(String name) {
        Profile profile = PROFILES.get(name);
        if (profile == null) {
            throw new AdapterConfigException("unknown profile '" + name + "'; profiles: " + String.join(", ", names()));
        }
        return profile;
    }

    /**
     * @return every profile name
     */
    public static List<String> names() {
        return List.copyOf(PROFILES.keySet());
    }

    private static void add(Profile profile) {
        PROFILES.put(profile.name(), profile);
    }

    /** OpenAI's model families: reasoning models take reasoning_effort and no sampling or stop parameters. */
    private static List<ModelRule> openAiModels() {
        UnaryOperator<Capabilities.Builder> reasoning = b -> b.reasoningDialect(ReasoningDialect.REASONING_EFFORT)
                .without(Feature.SAMPLING).without(Feature.STOP_SEQUENCES);
        return List.of(
                new ModelRule("gpt-5", b -> reasoning.apply(b).contextWindow(400000).maxOutputTokens(128000)),
                new ModelRule("o1", b -> reasoning.apply(b).contextWindow(200000).maxOutputTokens(100000)),
                new ModelRule("o3", b -> reasoning.apply(b).contextWindow(200000).maxOutputTokens(100000)),
                new ModelRule("o4", b -> reasoning.apply(b).contextWindow(200000).maxOutputTokens(100000)),
                ModelRule.limits("gpt-4.1", 1047576, 32768),
                ModelRule.limits("gpt-4o", 128000, 16384));
    }

    /**
     * Gemini's output caps are exclusive bounds: 2.5 models answer 400 "maxOutputTokens value of 65536 but the
     * supported range is from 1 (inclusive) to 65536 (exclusive)", 2.0 and 1.5 models stop below 8193. The older
     * families do not think, so they take no reasoning parameter.
     */
    private static List<ModelRule> geminiModels() {
        UnaryOperator<Capabilities.Builder> older =
                b -> b.reasoningDialect(ReasoningDialect.NONE).maxOutputTokens(8192);
        return List.of(new ModelRule("gemini-2.0", older), new ModelRule("gemini-1.5", older));
    }

    private static Capabilities caps(Set<Feature> features, UnaryOperator<Capabilities.Builder> adjust) {
        return adjust.apply(Capabilities.builder().features(features)).build();
    }

    private static Set<Feature> with(Set<Feature> base, Feature... more) {
        EnumSet<Feature> out = EnumSet.copyOf(base);
        out.addAll(List.of(more));
        return out;
    }

    private static Set<Feature> without(Set<Feature> base, Feature... less) {
        EnumSet<Feature> out = EnumSet.copyOf(base);
        List.of(less).forEach(out::remove);
        return out;
    }
}
