package dev.ccbridge.upstream.openai;

import dev.ccbridge.api.AdapterSettings;
import dev.ccbridge.api.CatalogModel;
import dev.ccbridge.api.ChatRequestSchema;
import dev.ccbridge.api.JsonText;
import dev.ccbridge.api.ModelCatalog;
import dev.ccbridge.api.OpenAiWire;
import dev.ccbridge.api.OutboundRequest;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenericOpenAiAdapterTest {

    private static final String KEY = "sk-test-generic-0000";

    private static GenericOpenAiAdapter adapter(Map<String, String> settings) {
        return new GenericOpenAiAdapter(new AdapterSettings("lab", settings));
    }

    private static OutboundRequest prepared(GenericOpenAiAdapter adapter, String model) {
        OutboundRequest request = new OutboundRequest(adapter.chatCompletionsUri(model),
                OpenAiWire.typicalRequest(model, adapter.capabilities(model)), "req_1", "sk-test-caller", Map.of());
        adapter.prepare(request);
        return request;
    }

    @Test
    void azureUsesTheDeploymentUrlTheApiKeyHeaderAndTheDefaultApiVersion() {
        GenericOpenAiAdapter azure = adapter(Map.of("profile", "azure",
                "base-url", "https://contoso.openai.azure.com/", "api-key", KEY));
        assertEquals(URI.create("https://contoso.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions"
                + "?api-version=" + GenericOpenAiAdapter.AZURE_API_VERSION), azure.chatCompletionsUri("gpt-4o-prod"));
        OutboundRequest request = prepared(azure, "gpt-4o-prod");
        assertEquals(KEY, request.headers().get("api-key"));
        assertNull(request.headers().get("Authorization"));
        assertEquals(Map.of("api-key", KEY), azure.authHeaders(null));
    }

    @Test
    void azureTakesAConfiguredApiVersionAndABaseEndingInOpenai() {
        GenericOpenAiAdapter azure = adapter(Map.of("profile", "azure",
                "base-url", "https://contoso.openai.azure.com/openai", "api-version", "2025-04-01-preview"));
        assertEquals(URI.create("https://contoso.openai.azure.com/openai/deployments/o3-mini/chat/completions"
                + "?api-version=2025-04-01-preview"), azure.chatCompletionsUri("o3-mini"));
    }

    @Test
    void azureDescribesItsDeploymentUrlReadably() {
        GenericOpenAiAdapter azure = adapter(Map.of("profile", "azure",
                "base-url", "https://contoso.openai.azure.com", "api-key", KEY));
        String description = azure.describe();
        assertTrue(description.contains("/openai/deployments/{model}/chat/completions"), description);
        assertFalse(description.contains(KEY), description);
    }

    @Test
    void openRouterSendsConfiguredExtraHeaders() {
        GenericOpenAiAdapter openRouter = adapter(Map.of("profile", "openrouter", "api-key", KEY,
                "headers.HTTP-Referer", "https://ccbridge.example", "headers.X-Title", "ccbridge"));
        OutboundRequest request = prepared(openRouter, "anthropic/claude-sonnet-4");
        assertEquals("https://ccbridge.example", request.headers().get("HTTP-Referer"));
        assertEquals("ccbridge", request.headers().get("x-title"));
        assertEquals("Bearer " + KEY, request.headers().get("Authorization"));
        assertEquals(URI.create("https://openrouter.ai/api/v1/chat/completions"), request.uri());
        ChatRequestSchema.check(request.body());
    }

    @Test
    void noKeyAndNoCallerKeyMeansNoAuthHeader() {
        GenericOpenAiAdapter local = adapter(Map.of("profile", "ollama"));
        assertEquals(Map.of(), local.authHeaders(null));
        OutboundRequest request = new OutboundRequest(local.chatCompletionsUri("qwen3"),
                OpenAiWire.typicalRequest("qwen3", local.capabilities("qwen3")), "req_1", null, Map.of());
        local.prepare(request);
        assertNull(request.headers().get("Authorization"));
    }

    @Test
    void restrictedSchemaProfilesSanitizeToolSchemas() {
        OutboundRequest request = prepared(adapter(Map.of("profile", "gemini", "api-key", KEY)), "gemini-2.5-pro");
        String parameters = request.body().getJsonArray("tools").getJsonObject(0).getJsonObject("function")
                .getJsonObject("parameters").toString();
        assertFalse(parameters.contains("$schema"), parameters);
        assertFalse(parameters.contains("exclusiveMinimum"), parameters);
        assertFalse(parameters.contains("additionalProperties"), parameters);
    }

    @Test
    void fullSchemaProfilesLeaveToolSchemasAlone() {
        OutboundRequest request = prepared(adapter(Map.of("profile", "openai", "api-key", KEY)), "gpt-4o");
        assertEquals(JsonText.object(OpenAiWire.READ_TOOL_SCHEMA), request.body().getJsonArray("tools")
                .getJsonObject(0).getJsonObject("function").getJsonObject("parameters"));
    }

    @Test
    void aSchemaSettingTurnsTheSanitizerOnForAnyProfile() {
        OutboundRequest request = prepared(adapter(Map.of("profile", "vllm", "schema", "restricted")), "m");
        assertFalse(request.body().toString().contains("$schema"));
    }

    @Test
    void theCatalogIsTheModelsListNextToChatCompletions() {
        assertEquals(URI.create("https://api.openai.com/v1/models"),
                adapter(Map.of("profile", "openai")).modelCatalog().orElseThrow().uri());
        assertEquals(URI.create("https://generativelanguage.googleapis.com/v1beta/openai/models"),
                adapter(Map.of("profile", "gemini")).modelCatalog().orElseThrow().uri());
        assertEquals(URI.create("http://10.0.0.7:9000/v1/models"), adapter(Map.of(
                "base-url", "http://10.0.0.7:9000/v1/chat/completions")).modelCatalog().orElseThrow().uri());
        assertEquals(URI.create("https://gw.example.com/v1/models?tenant=a"),
                adapter(Map.of("base-url", "https://gw.example.com/v1?tenant=a")).modelCatalog().orElseThrow().uri());
        assertTrue(adapter(Map.of("profile", "azure", "base-url", "https://contoso.openai.azure.com"))
                .modelCatalog().isEmpty());
    }

    @Test
    void theCatalogReaderTakesIdsAndWhateverLimitsTheServerAdds() {
        ModelCatalog catalog = adapter(Map.of("profile", "vllm")).modelCatalog().orElseThrow();
        List<CatalogModel> models = catalog.read(JsonText.object("""
                {'object':'list','data':[
                  {'id':'gpt-4o','object':'model','created':1715367049,'owned_by':'system'},
                  {'id':'Qwen/Qwen3-32B','object':'model','max_model_len':40960},
                  {'id':'llama-3.3-70b-versatile','context_window':131072,'max_completion_tokens':32768},
                  {'id':'openrouter/x','context_length':200000,'max_output_tokens':64000},
                  {'object':'model'},
                  {'id':''},
                  'not-an-object']}"""));
        assertEquals(List.of(new CatalogModel("gpt-4o", 0, 0), new CatalogModel("Qwen/Qwen3-32B", 40960, 0),
                new CatalogModel("llama-3.3-70b-versatile", 131072, 32768),
                new CatalogModel("openrouter/x", 200000, 64000)), models);
    }

    @Test
    void theCatalogReaderAcceptsABareArrayAndIgnoresOtherShapes() {
        ModelCatalog catalog = adapter(Map.of("profile", "ollama")).modelCatalog().orElseThrow();
        assertEquals(List.of(new CatalogModel("qwen3:32b", 0, 0)),
                catalog.read(JsonText.array("[{'id':'qwen3:32b'}]")));
        assertEquals(List.of(), catalog.read(JsonText.object("{'models':'none'}")));
    }

    @Test
    void describeNamesTheProfileAndWhetherTheCallerKeyIsForwarded() {
        assertEquals("https://api.deepseek.com/v1/chat/completions (profile deepseek)",
                adapter(Map.of("profile", "deepseek", "api-key", KEY)).describe());
        assertEquals("http://127.0.0.1:11434/v1/chat/completions (profile ollama, forwarding the caller's key)",
                adapter(Map.of("profile", "ollama")).describe());
    }

    @Test
    void capabilitiesPerModelStayTheProfilesWithTheSettingsOverWhateverModelsCome() {
        GenericOpenAiAdapter deepseek = adapter(Map.of("profile", "deepseek", "api-key", KEY,
                "context-window", "100000"));
        Profile profile = Profiles.named("deepseek");
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 100; i++) {
                String model = i % 2 == 0 ? "deepseek-reasoner" : "some-model-" + i;
                assertEquals(profile.capabilitiesFor(model).toBuilder().contextWindow(100000).build(),
                        deepseek.capabilities(model), model);
            }
        }
        assertSame(deepseek.capabilities("deepseek-reasoner"), deepseek.capabilities("deepseek-reasoner"),
                "made once per model name");
        assertEquals(65536, deepseek.capabilities("deepseek-reasoner").maxOutputTokens());
        assertEquals(8192, deepseek.capabilities("deepseek-chat").maxOutputTokens());
    }
}
