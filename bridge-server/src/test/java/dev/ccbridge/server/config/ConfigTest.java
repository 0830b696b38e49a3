package dev.ccbridge.server.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link BridgeSettings#from}, {@link ModelMapping} and {@link CommandLine}: the environment variable names the
 * seed documents use, Helidon's YAML keys and their environment forms, precedence, and the errors a mistyped
 * value gets. Environment variables are simulated with Helidon's own environment mapping, so the test does not
 * depend on the environment it runs in.
 */
class ConfigTest {

    @Test
    void defaultsComeFromApplicationYaml() {
        BridgeSettings settings = fromEnvironment(Map.of());

        assertEquals("127.0.0.1", settings.host());
        assertEquals(8787, settings.port());
        assertEquals("/anthropic", settings.prefix());
        assertNull(settings.gatewayKey());
        assertEquals(32000, settings.defaultMaxTokens());
        assertEquals(Duration.ofSeconds(10), settings.pingInterval());
        assertEquals(32L * 1024 * 1024, settings.maxRequestBytes());
        assertTrue(settings.upstreams().isEmpty());
        assertNull(settings.models().defaultModel());
        assertFalse(settings.models().force());
        assertEquals("claude-sonnet-4-5", settings.models().resolve("claude-sonnet-4-5", null));
    }

    @Test
    void claudeCodeProxyVariableNamesWork() {
        BridgeSettings settings = fromEnvironment(Map.of(
                "UPSTREAM_BASE_URL", "https://llm.example.test/v1",
                "UPSTREAM_API_KEY", "upstream-fake-key",
                "GATEWAY_API_KEY", "gateway-fake-key",
                "DEFAULT_UPSTREAM_MODEL", "fallback-model",
                "MODEL_MAP_JSON", "{\"claude-opus-4-6\":\"big\",\"claude-*haiku*\":\"small\"}",
                "DEFAULT_MAX_TOKENS", "4096",
                "UPSTREAM_TIMEOUT_SECONDS", "180",
                "HOST", "0.0.0.0",
                "PORT", "8000"));

        assertEquals("0.0.0.0", settings.host());
        assertEquals(8000, settings.port());
        assertEquals("gateway-fake-key", settings.gatewayKey());
        assertEquals(4096, settings.defaultMaxTokens());
        UpstreamSpec upstream = settings.upstreams().getFirst();
        assertEquals(Duration.ofSeconds(180), upstream.firstByteTimeout());
        assertEquals(Duration.ofSeconds(180), upstream.idleTimeout());
        assertEquals(Duration.ofSeconds(10), upstream.connectTimeout());
        assertEquals(1, settings.upstreams().size());
        assertEquals("generic-openai", upstream.adapterId());
        assertEquals(Map.of("base-url", "https://llm.example.test/v1", "api-key", "upstream-fake-key"),
                upstream.settings());
        assertEquals("big", settings.models().resolve("claude-opus-4-6", null));
        assertEquals("small", settings.models().resolve("claude-haiku-4-5", null));
        assertEquals("fallback-model", settings.models().resolve("claude-sonnet-4-5", null));
        assertEquals(Map.of("claude-opus-4-6", "big"), settings.models().exact());
    }

    @Test
    void forceUpstreamModelSendsTheDefaultModelForEveryRequest() {
        BridgeSettings settings = fromEnvironment(Map.of(
                "UPSTREAM_BASE_URL", "https://llm.example.test/v1",
                "DEFAULT_UPSTREAM_MODEL", "only-model",
                "FORCE_UPSTREAM_MODEL", "true",
                "MODEL_MAP_JSON", "{\"claude-opus-4-6\":\"big\"}"));

        assertTrue(settings.models().force());
        assertEquals("only-model", settings.models().resolve("claude-opus-4-6", null));
        assertEquals("only-model", settings.models().resolve("anything", null));
    }

    @ParameterizedTest
    @CsvSource({"true, true", "1, true", "yes, true", "ON, true", "false, false", "0, false", "no, false",
            "off, false"})
    void forceUpstreamModelAcceptsTheUsualBooleanSpellings(String value, boolean force) {
        BridgeSettings settings = fromEnvironment(Map.of("DEFAULT_UPSTREAM_MODEL", "m", "FORCE_UPSTREAM_MODEL", value));

        assertEquals(force, settings.models().force());
    }

    @Test
    void aMistypedForceUpstreamModelIsRejectedNotReadAsFalse() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> fromEnvironment(
                Map.of("DEFAULT_UPSTREAM_MODEL", "m", "FORCE_UPSTREAM_MODEL", "treu")));

        assertTrue(error.getMessage().contains("FORCE_UPSTREAM_MODEL"), error.getMessage());
    }

    @Test
    void forcingWithoutADefaultModelNamesTheMissingSetting() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> fromEnvironment(Map.of("FORCE_UPSTREAM_MODEL", "true")));

        assertTrue(error.getMessage().contains("DEFAULT_UPSTREAM_MODEL"), error.getMessage());
    }

    @Test
    void joyTokenKeyAloneConfiguresJoyTokenWithModelAuto() {
        BridgeSettings settings = fromEnvironment(Map.of("JOY_TOKEN_API_KEY", "jt_fake"));

        UpstreamSpec upstream = settings.upstreams().getFirst();
        assertEquals("joytoken", upstream.adapterId());
        assertEquals(Map.of("base-url", UpstreamsReader.JOY_TOKEN_DEFAULT_BASE_URL, "api-key", "jt_fake"),
                upstream.settings());
        assertEquals("auto", upstream.defaultModel());
        assertEquals("auto", settings.models().resolve("claude-sonnet-4-5", upstream.defaultModel()));
    }

    @Test
    void joyTokenBaseUrlAndDefaultModelCanBeChanged() {
        BridgeSettings settings = fromEnvironment(Map.of(
                "JOY_TOKEN_API_KEY", "jt_fake",
                "JOY_TOKEN_OPENAI_BASE_URL", "http://127.0.0.1:9/openai/v1",
                "JOY_TOKEN_DEFAULT_MODEL", "joy-fast"));

        assertEquals("http://127.0.0.1:9/openai/v1", settings.upstreams().getFirst().settings().get("base-url"));
        assertEquals("joy-fast", settings.upstreams().getFirst().defaultModel());
    }

    @Test
    void blankValuesCountAsUnset() {
        BridgeSettings settings = fromEnvironment(Map.of("GATEWAY_API_KEY", "  ", "UPSTREAM_BASE_URL", ""));

        assertNull(settings.gatewayKey());
        assertTrue(settings.upstreams().isEmpty());
    }

    @Test
    void helidonEnvironmentFormsOfYamlKeysWork() {
        BridgeSettings settings = fromEnvironment(Map.of(
                "BRIDGE_PING_dash_INTERVAL", "PT2S",
                "BRIDGE_PREFIX", "/gateway",
                "SERVER_PORT", "9123"));

        assertEquals(Duration.ofSeconds(2), settings.pingInterval());
        assertEquals("/gateway", settings.prefix());
        assertEquals(9123, settings.port());
    }

    @Test
    void yamlFileConfiguresEverything(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("ccbridge.yaml");
        Files.writeString(yaml, """
                server:
                  host: 0.0.0.0
                  port: 9000
                bridge:
                  prefix: gw/
                  gateway-api-key: yaml-gateway-fake
                  default-max-tokens: 2048
                  ping-interval: PT3S
                  upstream-timeout: PT90S
                  connect-timeout: PT2S
                  max-request-bytes: 1048576
                  plugins-dir: /opt/ccbridge/plugins
                  models:
                    default: cheap
                    map:
                      - match: claude-opus-4-6
                        model: big
                      - match: "claude-*haiku*"
                        model: small
                    advertise: [claude-opus-4-6, claude-haiku-4-5]
                  upstreams:
                    - name: primary
                      adapter: generic-openai
                      settings:
                        base-url: https://llm.example.test/v1
                        api-key: yaml-upstream-fake
                        context-window: "128000"
                    - name: backup
                      settings:
                        base-url: https://backup.example.test/v1
                """);

        BridgeSettings settings = BridgeSettings.from(config(Map.of(), yaml));

        assertEquals("0.0.0.0", settings.host());
        assertEquals(9000, settings.port());
        assertEquals("/gw", settings.prefix());
        assertEquals("yaml-gateway-fake", settings.gatewayKey());
        assertEquals(2048, settings.defaultMaxTokens());
        assertEquals(Duration.ofSeconds(3), settings.pingInterval());
        assertEquals(Duration.ofSeconds(90), settings.upstreams().getFirst().firstByteTimeout());
        assertEquals(Duration.ofSeconds(2), settings.upstreams().getFirst().connectTimeout());
        assertEquals(1048576, settings.maxRequestBytes());
        assertEquals(Path.of("/opt/ccbridge/plugins"), settings.pluginsDir());
        assertEquals("big", settings.models().resolve("claude-opus-4-6", null));
        assertEquals("small", settings.models().resolve("claude-haiku-4-5", null));
        assertEquals("cheap", settings.models().resolve("claude-sonnet-4-5", null));
        assertEquals(List.of("claude-opus-4-6", "claude-haiku-4-5"), settings.advertisedModels());
        assertEquals(List.of("primary", "backup"), settings.upstreams().stream().map(UpstreamSpec::name).toList());
        UpstreamSpec primary = settings.upstreams().getFirst();
        assertEquals("generic-openai", primary.adapterId());
        assertEquals(Map.of("base-url", "https://llm.example.test/v1", "api-key", "yaml-upstream-fake",
                "context-window", "128000"), primary.settings());
        assertEquals("generic-openai", settings.upstreams().get(1).adapterId());
    }

    @Test
    void environmentSeedsOverrideTheYamlFile(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("ccbridge.yaml");
        Files.writeString(yaml, """
                server:
                  port: 9000
                bridge:
                  gateway-api-key: from-yaml-fake
                  default-max-tokens: 2048
                """);

        BridgeSettings settings = BridgeSettings.from(config(Map.of("PORT", "9001",
                "GATEWAY_API_KEY", "from-env-fake", "DEFAULT_MAX_TOKENS", "1024"), yaml));

        assertEquals(9001, settings.port());
        assertEquals("from-env-fake", settings.gatewayKey());
        assertEquals(1024, settings.defaultMaxTokens());
    }

    @Test
    void aYamlModelMapEntryWithoutAModelIsNamed(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("ccbridge.yaml");
        Files.writeString(yaml, """
                bridge:
                  models:
                    map:
                      - match: claude-opus-4-6
                """);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BridgeSettings.from(config(Map.of(), yaml)));

        assertTrue(error.getMessage().contains("bridge.models.map.0") && error.getMessage().contains("'model'"),
                error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[\"claude\",\"gpt\"]", "{\"claude-opus-4-6\":42}", "{\"a\":\"b\""})
    void aBadModelMapJsonNamesTheVariable(String json) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> fromEnvironment(Map.of("MODEL_MAP_JSON", json)));

        assertTrue(error.getMessage().contains("MODEL_MAP_JSON"), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(value = {"anthropic|/anthropic", "/anthropic|/anthropic", "/gw/|/gw", "gw/v2/|/gw/v2", "/|",
            "' /padded '|/padded"}, delimiter = '|')
    void prefixIsNormalised(String configured, String expected) {
        BridgeSettings settings = fromEnvironment(Map.of("BRIDGE_PREFIX", configured));

        assertEquals(expected == null ? "" : expected, settings.prefix());
    }

    @ParameterizedTest
    @CsvSource({"PORT, eighty", "PORT, 70000", "PORT, -1", "DEFAULT_MAX_TOKENS, many", "DEFAULT_MAX_TOKENS, 0",
            "UPSTREAM_TIMEOUT_SECONDS, 0", "UPSTREAM_TIMEOUT_SECONDS, -5", "UPSTREAM_TIMEOUT_SECONDS, soon"})
    void badNumbersAreRejectedNamingTheSetting(String name, String value) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> fromEnvironment(Map.of(name, value)));

        assertTrue(error.getMessage().contains(name), error.getMessage());
    }

    @Test
    void portZeroMeansAnyFreePort() {
        assertEquals(0, fromEnvironment(Map.of("PORT", "0")).port());
    }

    @Test
    void upstreamNamesAreCheckedBecauseThinkingSignaturesCarryThem() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new UpstreamSpec("my upstream.v1", "generic-openai", Map.of(), null, Duration.ofSeconds(1),
                        Duration.ofSeconds(1), Duration.ofSeconds(1), 1, "test"));

        assertTrue(error.getMessage().contains("my upstream.v1"), error.getMessage());
    }

    // ---- upstreams and routes ---------------------------------------------------------------------------------

    @Test
    void yamlUpstreamsAndRoutesConfigureEveryField(@TempDir Path dir) throws IOException {
        BridgeSettings settings = fromYaml(dir, """
                bridge:
                  first-byte-timeout: PT120S
                  upstreams:
                    - name: openai
                      settings:
                        base-url: https://api.example.test/v1
                        api-key: yaml-openai-fake
                        headers.X-Team: platform
                      default-model: gpt-4o
                      connect-timeout: PT2S
                      first-byte-timeout: PT30S
                      idle-timeout: PT45S
                      max-connections: 16
                    - name: joytoken
                      adapter: joytoken
                      settings:
                        api-key: yaml-joy-fake
                  routes:
                    - match: ["claude-*haiku*", "claude-3-5-*"]
                      upstreams: [{name: openai, model: gpt-4o-mini}, joytoken]
                      options: {tier: economy}
                      retries: 1
                    - match: "*"
                      upstreams: [joytoken]
                """);

        UpstreamSpec openai = settings.upstreams().get(0);
        assertEquals("openai", openai.name());
        assertEquals("generic-openai", openai.adapterId(), "the default adapter");
        assertEquals(Map.of("base-url", "https://api.example.test/v1", "api-key", "yaml-openai-fake",
                "headers.X-Team", "platform"), openai.settings());
        assertEquals("gpt-4o", openai.defaultModel());
        assertEquals(Duration.ofSeconds(2), openai.connectTimeout());
        assertEquals(Duration.ofSeconds(30), openai.firstByteTimeout());
        assertEquals(Duration.ofSeconds(45), openai.idleTimeout());
        assertEquals(16, openai.maxConnections());
        assertEquals("bridge.upstreams.0", openai.origin());
        UpstreamSpec joy = settings.upstreams().get(1);
        assertEquals("joytoken", joy.adapterId());
        assertEquals(Duration.ofSeconds(120), joy.firstByteTimeout(), "the bridge-wide timeout");
        assertEquals(UpstreamsReader.DEFAULT_IDLE_TIMEOUT, joy.idleTimeout());
        assertEquals(UpstreamsReader.DEFAULT_MAX_CONNECTIONS, joy.maxConnections());
        assertEquals(List.of(
                new RouteSpec(List.of("claude-*haiku*", "claude-3-5-*"), List.of(
                        new RouteSpec.Target("openai", "gpt-4o-mini"), new RouteSpec.Target("joytoken", null)),
                        Map.of("tier", "economy"), 1),
                new RouteSpec(List.of("*"), List.of(new RouteSpec.Target("joytoken", null)), Map.of(), 0)),
                settings.routes());
    }

    @Test
    void numberedKeysKeepTheirOrderBeyondTen() {
        Map<String, String> environment = new LinkedHashMap<>();
        for (int i = 0; i < 12; i++) {
            environment.put("BRIDGE_UPSTREAMS_" + i + "_NAME", "upstream-" + i);
            environment.put("BRIDGE_UPSTREAMS_" + i + "_SETTINGS_BASE_dash_URL", "https://u" + i + ".example.test/v1");
        }
        for (int i = 0; i < 11; i++) {
            environment.put("BRIDGE_ROUTES_0_UPSTREAMS_" + i, "upstream-" + (10 - i));
        }
        environment.put("BRIDGE_ROUTES_0_MATCH", "claude-*");
        environment.put("BRIDGE_ROUTES_0_UPSTREAMS_11_NAME", "upstream-11");
        environment.put("BRIDGE_ROUTES_0_UPSTREAMS_11_MODEL", "last-resort");

        BridgeSettings settings = fromEnvironment(environment);

        assertEquals(List.of("upstream-0", "upstream-1", "upstream-2", "upstream-3", "upstream-4", "upstream-5",
                "upstream-6", "upstream-7", "upstream-8", "upstream-9", "upstream-10", "upstream-11"),
                settings.upstreams().stream().map(UpstreamSpec::name).toList());
        assertEquals("https://u11.example.test/v1", settings.upstreams().get(11).settings().get("base-url"));
        RouteSpec route = settings.routes().getFirst();
        assertEquals(List.of("claude-*"), route.match());
        assertEquals(List.of("upstream-10", "upstream-9", "upstream-8", "upstream-7", "upstream-6", "upstream-5",
                "upstream-4", "upstream-3", "upstream-2", "upstream-1", "upstream-0", "upstream-11"),
                route.targets().stream().map(RouteSpec.Target::upstream).toList());
        assertEquals(new RouteSpec.Target("upstream-11", "last-resort"), route.targets().getLast());
    }

    @Test
    void bothSeedSetsMakeTwoUpstreamsWithJoyTokenAsTheFallback() {
        BridgeSettings settings = fromEnvironment(Map.of(
                "UPSTREAM_BASE_URL", "https://llm.example.test/v1",
                "UPSTREAM_API_KEY", "upstream-fake-key",
                "UPSTREAM_PROFILE", "deepseek",
                "JOY_TOKEN_API_KEY", "jt_fake",
                "JOY_TOKEN_TIER", "standard",
                "JOY_TOKEN_ALLOWED_MODELS", "joy-small,joy-large"));

        assertEquals(List.of("upstream", "joytoken"), settings.upstreams().stream().map(UpstreamSpec::name).toList());
        UpstreamSpec upstream = settings.upstreams().get(0);
        assertEquals(Map.of("base-url", "https://llm.example.test/v1", "api-key", "upstream-fake-key",
                "profile", "deepseek"), upstream.settings());
        assertNull(upstream.defaultModel());
        assertEquals("UPSTREAM_BASE_URL", upstream.origin());
        UpstreamSpec joy = settings.upstreams().get(1);
        assertEquals(Map.of("base-url", UpstreamsReader.JOY_TOKEN_DEFAULT_BASE_URL, "api-key", "jt_fake",
                "tier", "standard", "allowed-models", "joy-small,joy-large"), joy.settings());
        assertEquals("auto", joy.defaultModel());
        assertTrue(settings.routes().isEmpty(), "no routes: every upstream in order");
    }

    @Test
    void yamlUpstreamsTakeThePlaceOfTheSeedVariables(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("ccbridge.yaml");
        Files.writeString(yaml, """
                bridge:
                  upstreams:
                    - name: only
                      settings:
                        base-url: https://only.example.test/v1
                """);

        BridgeSettings settings = BridgeSettings.from(config(Map.of("JOY_TOKEN_API_KEY", "jt_fake",
                "UPSTREAM_BASE_URL", "https://llm.example.test/v1"), yaml));

        assertEquals(List.of("only"), settings.upstreams().stream().map(UpstreamSpec::name).toList());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // a route naming an upstream that does not exist lists the ones that do
            "routes: [{match: '*', upstreams: [openia]}]"
                    + "|bridge.routes.0: no upstream named 'openia'; upstreams: [joy, openai]",
            "routes: [{match: '*', upstreams: [{name: openai}, {name: nope, model: m}]}]"
                    + "|no upstream named 'nope'; upstreams: [joy, openai]",
            "routes: [{match: '*', upstreams: [{model: m}]}]|bridge.routes.0.upstreams.0: give an upstream name",
            "routes: [{upstreams: [openai]}]|bridge.routes.0: 'match' is required",
            "routes: [{match: '*'}]|bridge.routes.0: 'upstreams' must name at least one upstream",
            "routes: [{match: '*', upstreams: [openai], retries: -1}]|bridge.routes.0.retries must be 0 or more",
            "routes: [{match: '*', upstreams: [openai], retries: twice}]"
                    + "|bridge.routes.0.retries must be a whole number",
            "routes: [{match: '*', upstream: [openai]}]|bridge.routes.0: unknown key 'upstream'",
            "routes: [{match: '*', upstreams: [{name: openai, modle: m}]}]"
                    + "|bridge.routes.0.upstreams.0: unknown key 'modle'",
            "routes: {fast: {match: '*', upstreams: [openai]}}|bridge.routes must be a list"})
    void aRouteMistakeIsNamed(String routes, String expected, @TempDir Path dir) throws IOException {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> fromYaml(dir, """
                bridge:
                  upstreams:
                    - name: openai
                      settings: {base-url: https://api.example.test/v1}
                    - name: joy
                      adapter: joytoken
                  %s
                """.formatted(routes)));

        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "first-byte-timeout: soon|bridge.upstreams.1.first-byte-timeout must be a duration such as PT30S",
            "idle-timeout: PT0S|bridge.upstreams.1.idle-timeout must be longer than zero",
            "connect-timeout: PT-5S|bridge.upstreams.1.connect-timeout must be longer than zero",
            "max-connections: many|bridge.upstreams.1.max-connections must be a whole number",
            "max-connections: 0|bridge.upstreams.1: max-connections must be at least 1",
            "first-byte-timout: PT5S|bridge.upstreams.1: unknown key 'first-byte-timout'; known keys: [adapter, "
                    + "connect-timeout, default-model, first-byte-timeout, idle-timeout, max-connections, name, "
                    + "settings]",
            "name: openai|bridge.upstreams.1: the upstream name 'openai' is already used by bridge.upstreams.0",
            "name: my openai|upstream name 'my openai' may only contain letters"})
    void anUpstreamMistakeIsNamed(String line, String expected, @TempDir Path dir) throws IOException {
        String second = line.startsWith("name:") ? "    - " + line : "    - name: second\n      " + line;

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> fromYaml(dir,
                "bridge:\n  upstreams:\n    - name: openai\n" + second + "\n"));

        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "BRIDGE_FIRST_dash_BYTE_dash_TIMEOUT|soon|bridge.first-byte-timeout must be a duration such as PT30S",
            "BRIDGE_UPSTREAM_dash_TIMEOUT|soon|bridge.upstream-timeout must be a duration such as PT30S",
            "BRIDGE_PING_dash_INTERVAL|later|bridge.ping-interval must be a duration such as PT30S",
            "BRIDGE_CONNECT_dash_TIMEOUT|PT0S|bridge.connect-timeout must be longer than zero"})
    void aBadBridgeWideDurationIsNamed(String variable, String value, String expected) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> fromEnvironment(Map.of(variable, value)));

        assertTrue(error.getMessage().contains(expected), error.getMessage());
    }

    // ---- model mapping ----------------------------------------------------------------------------------------

    @Test
    void modelMappingPrefersExactThenTheFirstMatchingGlobThenTheDefault() {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("claude-*haiku*", "small");
        entries.put("claude-*", "auto");
        entries.put("claude-haiku-4-5", "exact-haiku");
        entries.put("claude-opus-4-?", "opus-four");
        ModelMapping mapping = ModelMapping.of(entries, "fallback", false);

        assertEquals("exact-haiku", mapping.resolve("claude-haiku-4-5", null));
        assertEquals("small", mapping.resolve("claude-3-5-haiku-latest", null));
        assertEquals("small", mapping.resolve("CLAUDE-HAIKU-5-5", null));
        assertEquals("auto", mapping.resolve("claude-opus-4-6", null), "declaration order: claude-* comes first");
        assertEquals("fallback", mapping.resolve("gpt-4o", null));
        assertEquals("gpt-4o", ModelMapping.of(Map.of(), null, false).resolve("gpt-4o", null));
    }

    @Test
    void globCharactersOtherThanStarAndQuestionMarkAreLiteral() {
        ModelMapping mapping = ModelMapping.of(Map.of("claude-3.5-*", "dotted"), null, false);

        assertEquals("dotted", mapping.resolve("claude-3.5-sonnet", null));
        assertEquals("claude-3x5-sonnet", mapping.resolve("claude-3x5-sonnet", null));
    }

    // ---- command line -----------------------------------------------------------------------------------------

    @Test
    void commandLineOptionsBecomeSettingsAndOverrideTheFile(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("custom.yaml");
        Files.writeString(yaml, """
                server:
                  port: 9000
                bridge:
                  default-max-tokens: 777
                """);

        CommandLine line = CommandLine.parse(new String[] {"--config", yaml.toString(), "--port=9100",
                "--host", "127.0.0.2", "--upstream", "http://127.0.0.1:9/v1", "--plugins", dir.toString()});
        BridgeSettings settings = BridgeSettings.from(line.config());

        assertEquals(9100, settings.port());
        assertEquals("127.0.0.2", settings.host());
        assertEquals("http://127.0.0.1:9/v1", settings.upstreams().getFirst().settings().get("base-url"));
        assertEquals(dir, settings.pluginsDir());
        assertEquals(777, settings.defaultMaxTokens());
    }

    @Test
    void commandLineErrorsNameTheOption() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--bogus"}))
                .getMessage().contains("--bogus"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CommandLine.parse(new String[] {"--port"}))
                .getMessage().contains("--port"));
        CommandLine missingFile = CommandLine.parse(new String[] {"--config", "/nonexistent/ccbridge.yaml"});
        assertTrue(assertThrows(IllegalArgumentException.class, missingFile::config).getMessage()
                .contains("/nonexistent/ccbridge.yaml"));
        assertTrue(CommandLine.parse(new String[] {"--help"}).help());
        assertTrue(CommandLine.parse(new String[] {"--version"}).version());
    }

    private static BridgeSettings fromYaml(Path dir, String yaml) throws IOException {
        Path file = dir.resolve("ccbridge.yaml");
        Files.writeString(file, yaml);
        return BridgeSettings.from(config(Map.of(), file));
    }

    private static BridgeSettings fromEnvironment(Map<String, String> environment) {
        return BridgeSettings.from(config(environment, null));
    }

    /** The sources in {@link CommandLine#config()}'s order, with a given environment instead of the real one. */
    private static Config config(Map<String, String> environment, Path yaml) {
        Config.Builder builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.create(EnvironmentVariables.expand(environment)));
        if (yaml != null) {
            builder.addSource(ConfigSources.file(yaml));
        }
        return builder.addSource(ConfigSources.classpath("application.yaml")).build();
    }
}
