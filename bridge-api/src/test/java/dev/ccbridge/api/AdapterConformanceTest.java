package dev.ccbridge.api;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The contract every upstream adapter keeps. Each adapter module subclasses this test once per configuration it
 * ships (for {@code generic-openai}, once per profile) and declares what its adapter claims: the factory, settings
 * that work, the settings without which it cannot start, and for each listed model the exact set of
 * {@link Feature}s its capabilities declare. A feature the model does not accept is simply absent from the set,
 * and a model that accepts none declares {@code Set.of()}: every declaration is checked, none is skipped.
 *
 * <p>The checks: the factory is found by {@link ServiceLoader} under its id, which is lower case with dashes;
 * {@code api-key} is secret; capabilities and known limits match the declaration; the chat/completions URL is
 * absolute and on the configured host; {@code prepare} authenticates with the configured key (or forwards the
 * caller's key when none is configured) in agreement with {@code authHeaders}; {@code describe} never shows the
 * key; a missing required setting fails naming the setting and the upstream; a standard OpenAI stream and
 * completion pass every chunk quirk unchanged; rewriters of two streams keep separate state; and a prepared
 * typical request is still a valid OpenAI chat request.
 */
public abstract class AdapterConformanceTest {

    /** The configured key in {@link #workingSettings()}; it must never appear where it should not. */
    public static final String SENTINEL_KEY = "test-SENTINEL-key-0123456789";
    /** The key the client presents. */
    public static final String CALLER_KEY = "test-CALLER-key-9876543210";
    /** The configured upstream's name in every adapter the test creates. */
    public static final String UPSTREAM_NAME = "conformance-upstream";

    private static final String REQUEST_ID = "req_conformance0001";

    /**
     * The limits a model declares.
     *
     * @param contextWindow   the context window, {@code 0} when unknown
     * @param maxOutputTokens the output cap, {@code 0} when unknown
     */
    public record Limits(int contextWindow, int maxOutputTokens) {
    }

    /**
     * @return a new instance of the factory under test
     */
    protected abstract UpstreamAdapterFactory factory();

    /**
     * @return settings that create a working adapter, with {@code api-key} set to {@link #SENTINEL_KEY}
     */
    protected abstract Map<String, String> workingSettings();

    /**
     * @return the keys of {@link #workingSettings()} without which {@code create} fails; empty when every one
     *         has a default
     */
    protected abstract Set<String> requiredSettings();

    /**
     * @return for each listed model, exactly the features its capabilities declare
     */
    protected abstract Map<String, Set<Feature>> declaredFeatures();

    /**
     * @return for listed models whose limits are known, those limits
     */
    protected Map<String, Limits> expectedLimits() {
        return Map.of();
    }

    /**
     * @return the host requests must go to; by default the host of the {@code base-url} setting
     */
    protected String expectedHost() {
        String baseUrl = workingSettings().get("base-url");
        assertNotNull(baseUrl, "without a base-url setting the subclass must override expectedHost()");
        return URI.create(baseUrl).getHost();
    }

    /**
     * @param settings settings to create the adapter with
     * @return an adapter from the factory under test
     */
    protected final UpstreamAdapter create(Map<String, String> settings) {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        return factory().create(new AdapterSettings(UPSTREAM_NAME, settings),
                new AdapterContext(UPSTREAM_NAME, clock, System.getLogger("ccbridge.conformance")));
    }

    /**
     * @param model    the upstream model
     * @param settings the adapter's settings
     * @return the typical request of that model after {@code prepare}, with {@link #CALLER_KEY} as caller key
     */
    protected final OutboundRequest prepared(String model, Map<String, String> settings) {
        UpstreamAdapter adapter = create(settings);
        OutboundRequest request = new OutboundRequest(adapter.chatCompletionsUri(model),
                OpenAiWire.typicalRequest(model, adapter.capabilities(model)), REQUEST_ID, CALLER_KEY, Map.of());
        adapter.prepare(request);
        return request;
    }

    @Test
    void workingSettingsCarryTheSentinelKey() {
        assertEquals(SENTINEL_KEY, workingSettings().get("api-key"));
        assertFalse(declaredFeatures().isEmpty(), "declare at least one model");
    }

    @Test
    void factoryIsFoundByServiceLoaderUnderItsId() {
        String id = factory().id();
        List<UpstreamAdapterFactory> found = ServiceLoader.load(UpstreamAdapterFactory.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(f -> f.id().equals(id))
                .toList();
        assertEquals(1, found.size(), "factories registered as '" + id + "': " + found);
        assertEquals(factory().getClass(), found.getFirst().getClass());
    }

    @Test
    void idIsLowerCaseWithDashes() {
        assertTrue(factory().id().matches("[a-z0-9]+(-[a-z0-9]+)*"), factory().id());
    }

    @Test
    void apiKeyIsASecretSetting() {
        assertTrue(factory().secretSettings().contains("api-key"), factory().secretSettings().toString());
    }

    @TestFactory
    Stream<DynamicTest> capabilitiesDeclareExactlyTheListedFeatures() {
        UpstreamAdapter adapter = create(workingSettings());
        return declaredFeatures().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(),
                () -> assertEquals(new TreeSet<>(entry.getValue()),
                        new TreeSet<>(adapter.capabilities(entry.getKey()).features()))));
    }

    @TestFactory
    Stream<DynamicTest> limitsMatchTheKnownFigures() {
        UpstreamAdapter adapter = create(workingSettings());
        return expectedLimits().entrySet().stream().map(entry -> DynamicTest.dynamicTest(entry.getKey(), () -> {
            Capabilities capabilities = adapter.capabilities(entry.getKey());
            assertEquals(entry.getValue(),
                    new Limits(capabilities.contextWindow(), capabilities.maxOutputTokens()));
        }));
    }

    @TestFactory
    Stream<DynamicTest> chatCompletionsUriIsAbsoluteOnTheConfiguredHost() {
        UpstreamAdapter adapter = create(workingSettings());
        return models().map(model -> DynamicTest.dynamicTest(model, () -> {
            URI uri = adapter.chatCompletionsUri(model);
            assertTrue(uri.isAbsolute(), uri.toString());
            assertTrue(uri.getScheme().equals("http") || uri.getScheme().equals("https"), uri.toString());
            assertEquals(expectedHost(), uri.getHost());
        }));
    }

    @Test
    void prepareAuthenticatesWithTheConfiguredKey() {
        OutboundRequest request = prepared(anyModel(), workingSettings());
        assertTrue(request.headers().values().stream().anyMatch(v -> v.contains(SENTINEL_KEY)),
                "no header carries the configured key: " + request.headers().keySet());
        assertTrue(request.headers().values().stream().noneMatch(v -> v.contains(CALLER_KEY)),
                "the caller's key went upstream although a key is configured");
    }

    @Test
    void prepareForwardsTheCallerKeyWhenNoneIsConfigured() {
        OutboundRequest request = prepared(anyModel(), withoutApiKey());
        assertTrue(request.headers().values().stream().anyMatch(v -> v.contains(CALLER_KEY)),
                "no header carries the caller's key: " + request.headers().keySet());
    }

    @Test
    void authHeadersAgreeWithPrepare() {
        for (Map<String, String> settings : List.of(workingSettings(), withoutApiKey())) {
            Map<String, String> auth = create(settings).authHeaders(CALLER_KEY);
            assertFalse(auth.isEmpty(), "no auth headers with settings " + settings.keySet());
            OutboundRequest request = prepared(anyModel(), settings);
            auth.forEach((name, value) -> assertEquals(value, request.headers().get(name), name));
        }
    }

    @Test
    void describeNeverShowsTheKey() {
        String description = create(workingSettings()).describe();
        assertFalse(description.contains(SENTINEL_KEY), description);
        assertFalse(description.contains("SENTINEL"), description);
    }

    /**
     * Removing a required setting fails naming it and the upstream. Removing any other setting does not fail
     * for want of that setting, though it may make another one necessary (no {@code profile}, and the default
     * profile needs a {@code base-url}); then that failure, too, names the upstream.
     */
    @Test
    void requiredSettingsAreExactlyThoseWithoutDefaults() {
        Map<String, String> working = workingSettings();
        assertTrue(working.keySet().containsAll(requiredSettings()),
                "required settings missing from the working settings: " + requiredSettings());
        assertFalse(requiredSettings().contains("api-key"), "without api-key the caller's key is forwarded");
        assertDoesNotThrow(() -> create(working));
        for (String key : working.keySet()) {
            Map<String, String> settings = new TreeMap<>(working);
            settings.remove(key);
            if (requiredSettings().contains(key)) {
                AdapterConfigException e = assertThrows(AdapterConfigException.class, () -> create(settings),
                        "created without '" + key + "'");
                assertTrue(e.getMessage().contains("'" + key + "'"), e.getMessage());
                assertTrue(e.getMessage().contains(UPSTREAM_NAME), e.getMessage());
            } else {
                try {
                    create(settings);
                } catch (AdapterConfigException e) {
                    assertFalse(e.getMessage().contains("'" + key + "'"), "'" + key + "' is declared optional: "
                            + e.getMessage());
                    assertTrue(e.getMessage().contains(UPSTREAM_NAME), e.getMessage());
                }
            }
        }
    }

    @TestFactory
    Stream<DynamicTest> standardStreamPassesEveryQuirkUnchanged() {
        UpstreamAdapter adapter = create(workingSettings());
        return models().map(model -> DynamicTest.dynamicTest(model, () -> {
            List<UpstreamEvent> stream = OpenAiWire.standardStream(model);
            for (ChunkQuirk quirk : adapter.chunkQuirks(model)) {
                assertEquals(stream, run(List.of(quirk.open()), stream), quirk.name());
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> standardCompletionPassesEveryQuirkUnchanged() {
        UpstreamAdapter adapter = create(workingSettings());
        return models().map(model -> DynamicTest.dynamicTest(model, () -> {
            JsonObject completion = OpenAiWire.standardCompletion(model);
            for (ChunkQuirk quirk : adapter.chunkQuirks(model)) {
                assertEquals(completion, quirk.rewriteCompletion(completion), quirk.name());
            }
        }));
    }

    /**
     * Two streams read at once, each through rewriters of its own from the same quirk instances, come out as each
     * does alone. The streams deviate in the ways quirks repair (tool calls without index, numeric ids, content
     * parts, comments, usage inside the choice, an {@code error:} line), so state a quirk keeps is exercised.
     */
    @TestFactory
    Stream<DynamicTest> rewritersOfTwoStreamsKeepSeparateState() {
        UpstreamAdapter adapter = create(workingSettings());
        return models().map(model -> DynamicTest.dynamicTest(model, () -> {
            List<ChunkQuirk> quirks = adapter.chunkQuirks(model);
            List<UpstreamEvent> first = deviantStream(model, "first", "a");
            List<UpstreamEvent> second = deviantStream(model, "second", "b");
            List<UpstreamEvent> firstAlone = run(open(quirks), first);
            List<UpstreamEvent> secondAlone = run(open(quirks), second);

            List<ChunkQuirk.Rewriter> firstRewriters = open(quirks);
            List<ChunkQuirk.Rewriter> secondRewriters = open(quirks);
            List<UpstreamEvent> firstInterleaved = new ArrayList<>();
            List<UpstreamEvent> secondInterleaved = new ArrayList<>();
            for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
                if (i < first.size()) {
                    firstInterleaved.addAll(run(firstRewriters, List.of(first.get(i))));
                }
                if (i < second.size()) {
                    secondInterleaved.addAll(run(secondRewriters, List.of(second.get(i))));
                }
            }
            assertAll(() -> assertEquals(firstAlone, firstInterleaved),
                    () -> assertEquals(secondAlone, secondInterleaved));
        }));
    }

    @TestFactory
    Stream<DynamicTest> preparedTypicalRequestIsAValidOpenAiChatRequest() {
        return models().map(model -> DynamicTest.dynamicTest(model, () -> {
            OutboundRequest request = prepared(model, workingSettings());
            ChatRequestSchema.check(request.body());
            assertFalse(request.body().toString().contains(SENTINEL_KEY), "the key leaked into the body");
        }));
    }

    private Stream<String> models() {
        return declaredFeatures().keySet().stream().sorted();
    }

    private String anyModel() {
        return models().findFirst().orElseThrow(() -> new AssertionError("declare at least one model"));
    }

    private Map<String, String> withoutApiKey() {
        Map<String, String> settings = new HashMap<>(workingSettings());
        settings.remove("api-key");
        return settings;
    }

    private static List<ChunkQuirk.Rewriter> open(List<ChunkQuirk> quirks) {
        return quirks.stream().map(ChunkQuirk::open).toList();
    }

    /**
     * Applies rewriters in order, as the engine does: a {@code null} drops the event.
     *
     * @param rewriters one stream's rewriters
     * @param events    events of that stream
     * @return what reaches the translator
     */
    public static List<UpstreamEvent> run(List<ChunkQuirk.Rewriter> rewriters, List<UpstreamEvent> events) {
        List<UpstreamEvent> out = new ArrayList<>();
        for (UpstreamEvent event : events) {
            UpstreamEvent current = event;
            for (int i = 0; i < rewriters.size() && current != null; i++) {
                current = rewriters.get(i).rewrite(current);
            }
            if (current != null) {
                out.add(current);
            }
        }
        return out;
    }

    private static List<UpstreamEvent> deviantStream(String model, String responseId, String idTag) {
        String head = "{'id':'" + responseId + "','object':'chat.completion.chunk','created':1767225600,'model':'"
                + model + "','choices':[";
        List<UpstreamEvent> events = new ArrayList<>();
        events.add(new UpstreamEvent.Comment(" keep-alive"));
        events.add(new UpstreamEvent.Data(JsonText.object(head + "{'index':0,'delta':{'role':'assistant',"
                + "'content':[{'type':'thinking','thinking':[{'type':'text','text':'Plan " + idTag + "'}]}]}}]}")));
        events.add(new UpstreamEvent.Data(JsonText.object(head + "{'index':0,'delta':{'tool_calls':[{'id':'fc_"
                + idTag + "1','type':'function','function':{'name':'Read','arguments':'{}'}}]}}]}")));
        events.add(new UpstreamEvent.Data(JsonText.object(head + "{'index':0,'delta':{'tool_calls':[{'id':'fc_"
                + idTag + "2','type':'function','function':{'name':'Bash','arguments':'{}'}},{'id':'fc_" + idTag
                + "3','type':'function','function':{'name':'Edit','arguments':''}}]}}]}")));
        events.add(new UpstreamEvent.Data(JsonText.object(head + "{'index':0,'delta':{'tool_calls':[{"
                + "'function':{'arguments':'{}'}}]}}]}")));
        events.add(new UpstreamEvent.Data(JsonText.object(head + "{'index':0,'delta':{'tool_calls':[{'index':3,"
                + "'id':'0','type':'function','function':{'name':'Write','arguments':'{}'}}]}}]}")));
        events.add(new UpstreamEvent.Data(JsonText.object(head + "{'index':0,'delta':{},'finish_reason':"
                + "'tool_calls','usage':{'prompt_tokens':10,'completion_tokens':5,'total_tokens':15}}]}")));
        events.add(new UpstreamEvent.Field("error", "{'message':'late failure','type':'server_error'}"
                .replace('\'', '"')));
        events.add(new UpstreamEvent.Done());
        return events;
    }
}
