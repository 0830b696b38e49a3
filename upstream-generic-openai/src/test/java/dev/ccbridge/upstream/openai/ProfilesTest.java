package dev.ccbridge.upstream.openai;

import dev.ccbridge.api.AdapterConfigException;
import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.ReasoningDialect;
import dev.ccbridge.api.SchemaDialect;
import dev.ccbridge.api.TokenLimitField;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfilesTest {

    private static final List<String> ISSUE_PROFILES = List.of("openai-compatible", "openai", "azure", "deepseek",
            "openrouter", "groq", "together", "mistral", "gemini", "vllm", "ollama", "llamacpp", "lmstudio");

    @Test
    void theIssueListsExactlyTheseProfiles() {
        assertEquals(ISSUE_PROFILES, Profiles.names());
    }

    @Test
    void everyNameResolvesToItsProfile() {
        for (String name : Profiles.names()) {
            Profile profile = Profiles.named(name);
            assertEquals(name, profile.name());
            assertFalse(profile.description().isBlank(), name);
            assertNotNull(profile.capabilities(), name);
            if (profile.defaultBaseUrl() != null) {
                URI base = URI.create(profile.defaultBaseUrl());
                assertTrue(base.isAbsolute() && base.getHost() != null, name);
            }
        }
    }

    @Test
    void onlyTheGenericProfileAndAzureNeedABaseUrl() {
        List<String> needBaseUrl = Profiles.names().stream()
                .filter(name -> Profiles.named(name).defaultBaseUrl() == null).toList();
        assertEquals(List.of("openai-compatible", "azure"), needBaseUrl);
    }

    @Test
    void anUnknownNameListsTheProfiles() {
        AdapterConfigException e = assertThrows(AdapterConfigException.class, () -> Profiles.named("anthropic"));
        assertTrue(e.getMessage().contains("'anthropic'"), e.getMessage());
        for (String name : ISSUE_PROFILES) {
            assertTrue(e.getMessage().contains(name), name + " missing from: " + e.getMessage());
        }
    }

    @Test
    void anUnknownProfileSettingNamesTheUpstreamAndTheSetting() {
        AdapterConfigException e = assertThrows(AdapterConfigException.class, () -> new GenericOpenAiAdapter(
                new AdapterSettings("work-llm", Map.of("profile", "mistal", "api-key", "sk-test-x"))));
        assertTrue(e.getMessage().contains("upstream 'work-llm'"), e.getMessage());
        assertTrue(e.getMessage().contains("'profile'"), e.getMessage());
        assertTrue(e.getMessage().contains("mistral"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "openai-compatible, any-model,          MAX_TOKENS,            NONE,             false, FULL,       4",
            "openai,            gpt-4o,             MAX_COMPLETION_TOKENS, NONE,             false, FULL,       4",
            "openai,            gpt-5,              MAX_COMPLETION_TOKENS, REASONING_EFFORT, false, FULL,       4",
            "openai,            o3,                 MAX_COMPLETION_TOKENS, REASONING_EFFORT, false, FULL,       4",
            "azure,             o4-mini,            MAX_COMPLETION_TOKENS, REASONING_EFFORT, false, FULL,       4",
            "deepseek,          deepseek-reasoner,  MAX_TOKENS,            THINKING_TOGGLE,  true,  FULL,       4",
            "openrouter,        openai/gpt-4o,      MAX_TOKENS,            REASONING_OBJECT, false, FULL,       4",
            "groq,              openai/gpt-oss-20b, MAX_TOKENS,            REASONING_EFFORT, false, FULL,       4",
            "groq,              llama-3.3-70b,      MAX_TOKENS,            NONE,             false, FULL,       4",
            "mistral,           magistral-medium,   MAX_TOKENS,            NONE,             false, FULL,       4",
            "gemini,            gemini-2.5-pro,     MAX_TOKENS,            REASONING_EFFORT, false, RESTRICTED, 4",
            "gemini,            gemini-2.0-flash,   MAX_TOKENS,            NONE,             false, RESTRICTED, 4",
            "ollama,            qwen3:32b,          MAX_TOKENS,            REASONING_EFFORT, false, FULL,       4",
            "llamacpp,          any.gguf,           MAX_TOKENS,            NONE,             false, FULL,       4",
    })
    void profilesSayHowToAskForTokensReasoningAndSchemas(String profile, String model, TokenLimitField field,
                                                         ReasoningDialect reasoning, boolean echo,
                                                         SchemaDialect schema, int maxStops) {
        Capabilities capabilities = Profiles.named(profile).capabilitiesFor(model);
        assertEquals(field, capabilities.tokenLimitField());
        assertEquals(reasoning, capabilities.reasoningDialect());
        assertEquals(echo, capabilities.reasoningEcho());
        assertEquals(schema, capabilities.schemaDialect());
        assertEquals(maxStops, capabilities.maxStopSequences());
        assertEquals(Capabilities.OPENAI_TOOL_NAME_LIMIT, capabilities.toolNameMaxLength());
    }

    @Test
    void modelRulesIgnoreProviderPrefixesAndCase() {
        ModelRule rule = ModelRule.limits("gpt-oss", 131072, 65536);
        assertTrue(rule.covers("openai/gpt-oss-120b"));
        assertTrue(rule.covers("GPT-OSS-20B"));
        assertFalse(rule.covers("llama-3.3-70b-versatile"));
    }
}
