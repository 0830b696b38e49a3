package dev.ccbridge.server.doctor;

import dev.ccbridge.server.testing.RunningBridge;
import dev.ccbridge.server.testing.UpstreamStub;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code doctor} on a temporary home folder and project, with the environment passed in: a clean setup exits 0
 * with nothing to fix, and each misconfiguration of the troubleshooting tables (Claude Code's settings and
 * environment, the running bridge, each upstream, each model) produces its finding, with what to do. The bridge and
 * the upstream are real servers.
 */
class DoctorTest {

    /** Anthropic's key prefix, joined at run time so that no key-shaped literal sits in the repository. */
    private static final String FAKE_ANTHROPIC = "sk-" + "ant-";

    private static final String UPSTREAM_KEY = "doctor-upstream-key-111111";
    private static final String TOKEN = "doctor-claude-token-222222";
    private static final String CATALOG = "{\"data\":[{\"id\":\"gpt-test\",\"context_window\":128000},"
            + "{\"id\":\"gpt-mini\",\"context_window\":64000}]}";

    private static UpstreamStub upstream;
    private static RunningBridge bridge;

    @TempDir
    Path home;
    @TempDir
    Path work;

    private Map<String, String> env;
    private Map<String, String> bridgeSettings;
    private URI bridgeUrl;

    @BeforeAll
    static void startBridge() {
        upstream = UpstreamStub.start();
        upstream.otherwise(request -> UpstreamStub.json(200, CATALOG));
        bridge = RunningBridge.start(Map.of("UPSTREAM_BASE_URL", upstream.baseUrl(), "UPSTREAM_API_KEY", UPSTREAM_KEY,
                "DEFAULT_UPSTREAM_MODEL", "gpt-test"));
    }

    @AfterAll
    static void stopBridge() {
        bridge.close();
        upstream.close();
    }

    @BeforeEach
    void cleanSetup() {
        env = new HashMap<>(Map.of(
                ClaudeCode.BASE_URL, bridge.baseUrl(),
                ClaudeCode.AUTH_TOKEN, TOKEN,
                ClaudeCode.API_KEY, "",
                ClaudeCode.ATTRIBUTION_HEADER, "0",
                ClaudeCode.MAX_CONTEXT_TOKENS, "128000"));
        bridgeSettings = new HashMap<>(Map.of(
                "PORT", Integer.toString(bridge.port()),
                "UPSTREAM_BASE_URL", upstream.baseUrl(),
                "UPSTREAM_API_KEY", UPSTREAM_KEY,
                "DEFAULT_UPSTREAM_MODEL", "gpt-test"));
        bridgeUrl = null;
    }

    @Test
    void aCleanSetupHasNothingToFixAndExitsZero() {
        Report report = examine();

        assertEquals(0, report.exitCode(), printed(report));
        assertEquals(0, report.count(Severity.ERROR) + report.count(Severity.WARNING) + report.count(Severity.NOTE),
                printed(report));
        for (String passed : List.of("settings", "base-url", "token", "api-key", "bridge-running", "bridge-accepts",
                "upstream", "model", "max-context")) {
            assertEquals(Severity.OK, finding(report, passed).severity(), passed);
        }
        assertTrue(finding(report, "model").text().startsWith("claude-opus-5-5 (Claude Code's default) -> "
                + "upstream/gpt-test, listed in its catalog"), finding(report, "model").text());
        assertTrue(printed(report).endsWith("All good: Claude Code should work through the bridge.\n"),
                printed(report));
    }

    @Test
    void anUnsetBaseUrlSaysWhereTheBridgeIs() {
        env.remove(ClaudeCode.BASE_URL);

        Report report = examine();

        Finding finding = error(report, "base-url-unset");
        assertTrue(finding.fix().startsWith("export ANTHROPIC_BASE_URL=http://127.0.0.1:" + bridge.port()),
                finding.fix());
        assertEquals(1, report.exitCode());
    }

    @Test
    void aBaseUrlEndingInV1IsAnErrorAndTheRestIsCheckedAsIfFixed() {
        env.put(ClaudeCode.BASE_URL, bridge.baseUrl() + "/anthropic/v1");

        Report report = examine();

        Finding finding = error(report, "base-url-path");
        assertTrue(finding.text().contains("it would call /anthropic/v1/v1/messages"), finding.text());
        assertTrue(finding.fix().startsWith("export ANTHROPIC_BASE_URL=" + bridge.baseUrl() + "/anthropic "),
                finding.fix());
        assertEquals(Severity.OK, finding(report, "bridge-accepts").severity());
    }

    @Test
    void aBaseUrlPathTheBridgeDoesNotServeIsFoundByAskingIt() {
        env.put(ClaudeCode.BASE_URL, bridge.baseUrl() + "/gateway");

        Finding finding = error(examine(), "base-url-path");

        assertTrue(finding.text().contains("/gateway/v1/messages/count_tokens?beta=true answered 404"),
                finding.text());
        assertEquals("set ANTHROPIC_BASE_URL=" + bridge.baseUrl(), finding.fix());
    }

    @Test
    void noBridgeAtTheBaseUrlSaysWhereThisConfigurationWouldStartIt() throws IOException {
        int closed = closedPort();
        env.put(ClaudeCode.BASE_URL, "http://127.0.0.1:" + closed);

        Finding finding = error(examine(), "bridge-not-running");

        assertTrue(finding.text().contains("no bridge answers at http://127.0.0.1:" + closed + ": connection refused"),
                finding.text());
        assertTrue(finding.text().contains("would start it at http://127.0.0.1:" + bridge.port()), finding.text());
        assertTrue(finding.fix().contains("./ccbridge"), finding.fix());
    }

    @Test
    void aBaseUrlOtherThanTheGivenBridgeIsAMismatch() throws IOException {
        env.put(ClaudeCode.BASE_URL, "http://127.0.0.1:" + closedPort());
        bridgeUrl = URI.create(bridge.baseUrl());

        Report report = examine();

        Finding finding = error(report, "base-url-mismatch");
        assertEquals("set ANTHROPIC_BASE_URL=" + bridge.baseUrl(), finding.fix());
        assertEquals(Severity.OK, finding(report, "bridge-running").severity());
    }

    @Test
    void anotherProgramOnTheBridgesPortIsNamed() {
        env.put(ClaudeCode.BASE_URL, "http://127.0.0.1:" + upstream.port());

        Finding finding = error(examine(), "not-a-bridge");

        assertTrue(finding.text().contains("another program has the port"), finding.text());
        assertTrue(finding.fix().contains("--port"), finding.fix());
    }

    @Test
    void anAnthropicKeyInApiKeyIsAnError() {
        env.put(ClaudeCode.API_KEY, FAKE_ANTHROPIC + "api03-doctor-test-333333");

        Report report = examine();

        Finding finding = error(report, "api-key-set");
        assertTrue(finding.text().contains("holds an Anthropic key (****3333, from the shell)"), finding.text());
        assertEquals("export ANTHROPIC_API_KEY=\"\" (and change it in your shell profile)", finding.fix());
    }

    @Test
    void anApiKeyThatDiffersFromTheTokenIsAnErrorAndOneThatRepeatsItAWarning() {
        env.put(ClaudeCode.API_KEY, "other-key-444444");
        Finding differs = error(examine(), "api-key-set");
        assertTrue(differs.text().contains("differs from ANTHROPIC_AUTH_TOKEN: Claude Code sends both"),
                differs.text());

        env.put(ClaudeCode.API_KEY, TOKEN);
        assertEquals(Severity.WARNING, finding(examine(), "api-key-set").severity());
    }

    @Test
    void anApiKeyInsteadOfATokenIsAWarningSayingToMoveIt() {
        env.remove(ClaudeCode.AUTH_TOKEN);
        env.put(ClaudeCode.API_KEY, TOKEN);

        Finding finding = finding(examine(), "api-key-set");

        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(finding.fix().startsWith("move the value to ANTHROPIC_AUTH_TOKEN"), finding.fix());
    }

    @Test
    void anUnsetApiKeyIsAWarning() {
        env.remove(ClaudeCode.API_KEY);

        Report report = examine();

        assertEquals(Severity.WARNING, finding(report, "api-key-unset").severity());
        assertEquals(0, report.exitCode());
    }

    @Test
    void noTokenAtAllIsAnError() {
        env.remove(ClaudeCode.AUTH_TOKEN);

        Finding finding = error(examine(), "token-missing");

        assertEquals("export ANTHROPIC_AUTH_TOKEN=ccbridge", finding.fix());
    }

    @Test
    void aTokenThatIsNotTheGatewayKeyIsFoundWithoutARunningBridge() throws IOException {
        env.put(ClaudeCode.BASE_URL, "http://127.0.0.1:" + closedPort());
        bridgeSettings.put("GATEWAY_API_KEY", "doctor-gateway-key-555555");

        Report report = examine();

        Finding finding = error(report, "token-mismatch");
        assertTrue(finding.text().contains("(****2222) is not the bridge's GATEWAY_API_KEY (****5555)"),
                finding.text());
        assertTrue(report.find("bridge-rejects-key").isEmpty());
    }

    @Test
    void aRunningBridgeThatRefusesTheTokenSaysWhy() {
        Map<String, String> guarded = new HashMap<>(bridgeSettings);
        guarded.remove("PORT");
        guarded.put("GATEWAY_API_KEY", "doctor-gateway-key-666666");
        try (RunningBridge withKey = RunningBridge.start(guarded)) {
            env.put(ClaudeCode.BASE_URL, withKey.baseUrl());
            bridgeUrl = URI.create(withKey.baseUrl());

            Finding refused = error(examine(), "bridge-rejects-key");
            assertTrue(refused.text().contains("does not match this bridge's GATEWAY_API_KEY"), refused.text());

            env.put(ClaudeCode.AUTH_TOKEN, "doctor-gateway-key-666666");
            assertEquals(Severity.OK, finding(examine(), "bridge-accepts").severity());
        }
    }

    @Test
    void aCachedClaudeAiLoginIsAnErrorWithoutATokenAndAWarningWithOne() throws IOException {
        Files.createDirectories(home.resolve(".claude"));
        Files.writeString(home.resolve(".claude/.credentials.json"),
                "{\"claudeAiOauth\":{\"accessToken\":\"" + FAKE_ANTHROPIC + "oat01-doctor-777777\"}}");
        Files.writeString(home.resolve(".claude.json"), "{\"oauthAccount\":{\"emailAddress\":\"dev@example.com\"}}");

        Finding withToken = finding(examine(), "cached-login");
        assertEquals(Severity.WARNING, withToken.severity());
        assertTrue(withToken.text().contains("(dev@example.com)"), withToken.text());
        assertTrue(withToken.fix().startsWith("run /logout"), withToken.fix());

        env.remove(ClaudeCode.AUTH_TOKEN);
        assertTrue(error(examine(), "cached-login").text().contains("sends its claude.ai token to the bridge"));
    }

    @Test
    void aStoredConsoleKeyIsSentAlongsideTheToken() throws IOException {
        Files.writeString(home.resolve(".claude.json"),
                "{\"primaryApiKey\":\"" + FAKE_ANTHROPIC + "api03-stored-888888\"}");

        Report report = examine();

        Finding finding = finding(report, "stored-api-key");
        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(finding.text().contains("(****8888)"), finding.text());
        assertEquals(Severity.OK, finding(report, "bridge-accepts").severity(), "the bridge prefers the token");
    }

    @Test
    void aClaudeAiTokenInTheEnvironmentIsReported() {
        env.put(ClaudeCode.OAUTH_TOKEN, FAKE_ANTHROPIC + "oat01-env-999999");
        assertEquals(Severity.WARNING, finding(examine(), "oauth-token").severity());

        env.remove(ClaudeCode.AUTH_TOKEN);
        assertEquals(Severity.ERROR, finding(examine(), "oauth-token").severity());
    }

    @Test
    void aSettingsFileValueHidingTheShellsIsReportedAndWins() throws IOException {
        writeUserSettings("{\"env\":{\"ANTHROPIC_BASE_URL\":\"" + bridge.baseUrl() + "\"}}");
        env.put(ClaudeCode.BASE_URL, "http://127.0.0.1:1");

        Report report = examine();

        Finding finding = finding(report, "settings-override");
        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(finding.text().contains("sets ANTHROPIC_BASE_URL=" + bridge.baseUrl()
                + " over ANTHROPIC_BASE_URL=http://127.0.0.1:1 from the shell"), finding.text());
        assertTrue(finding(report, "base-url").text().contains("(from " + home.resolve(".claude/settings.json")),
                finding(report, "base-url").text());
        assertEquals(Severity.OK, finding(report, "bridge-accepts").severity());
    }

    @Test
    void localSettingsWinOverProjectSettingsWhichWinOverTheUsers() throws IOException {
        writeUserSettings("{\"env\":{\"ANTHROPIC_AUTH_TOKEN\":\"user-token-000001\"}}");
        Files.createDirectories(work.resolve(".claude"));
        Files.writeString(work.resolve(".claude/settings.json"),
                "{\"env\":{\"ANTHROPIC_AUTH_TOKEN\":\"project-token-000002\"}}");
        Files.writeString(work.resolve(".claude/settings.local.json"),
                "{\"env\":{\"ANTHROPIC_AUTH_TOKEN\":\"local-token-000003\"}}");

        ClaudeCodeEnvironment claude = ClaudeCodeEnvironment.read(home, work, env);

        assertEquals("local-token-000003", claude.nonBlank(ClaudeCode.AUTH_TOKEN).orElseThrow());
        assertEquals(work.resolve(".claude/settings.local.json").toString(),
                claude.get(ClaudeCode.AUTH_TOKEN).orElseThrow().source());
        assertEquals(3, claude.shadowed().size(), "shell < user < project < local");
        Finding override = finding(examine(), "settings-override");
        assertFalse(override.text().contains("local-token-000003"), "tokens are masked: " + override.text());
    }

    @Test
    void claudeConfigDirMovesTheUsersSettingsAndLogins() throws IOException {
        Path config = Files.createDirectories(home.resolve("elsewhere"));
        Files.writeString(config.resolve("settings.json"), "{\"env\":{\"ANTHROPIC_AUTH_TOKEN\":\"dir-token-000004\"}}");
        Files.writeString(config.resolve(".claude.json"),
                "{\"primaryApiKey\":\"" + FAKE_ANTHROPIC + "api03-dir-000005\"}");
        writeUserSettings("{\"env\":{\"ANTHROPIC_AUTH_TOKEN\":\"ignored-token-000006\"}}");
        env.put(ClaudeCode.CONFIG_DIR, config.toString());

        ClaudeCodeEnvironment claude = ClaudeCodeEnvironment.read(home, work, env);

        assertEquals("dir-token-000004", claude.nonBlank(ClaudeCode.AUTH_TOKEN).orElseThrow());
        assertEquals(FAKE_ANTHROPIC + "api03-dir-000005", claude.login().storedApiKey());
    }

    @Test
    void settingsInAnotherGatewaysFormatAreIgnoredByClaudeCode() throws IOException {
        writeUserSettings("{\"anthropic\":{\"baseURL\":\"http://localhost:8081/anthropic/v1\",\"apiKey\":\"dummy\"}}");

        Finding finding = finding(examine(), "settings-ignored");

        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(finding.text().contains("has anthropic.baseURL, anthropic.apiKey, which Claude Code does not read"),
                finding.text());
    }

    @Test
    void aBrokenSettingsFileIsAnError() throws IOException {
        writeUserSettings("{\"env\": {\"ANTHROPIC_BASE_URL\": ");

        assertTrue(error(examine(), "settings-invalid").text().contains("is not valid JSON"));
    }

    @Test
    void anApiKeyHelperIsReported() throws IOException {
        writeUserSettings("{\"apiKeyHelper\":\"~/bin/get-key.sh\"}");

        assertEquals(Severity.WARNING, finding(examine(), "api-key-helper").severity());
    }

    @Test
    void aCloudProviderBypassesTheBaseUrl() {
        env.put("CLAUDE_CODE_USE_BEDROCK", "1");

        Finding finding = error(examine(), "cloud-provider");

        assertEquals("unset CLAUDE_CODE_USE_BEDROCK (and remove it from your shell profile)", finding.fix());
    }

    @Test
    void aShortClientTimeoutCutsStreams() {
        env.put(ClaudeCode.STREAM_IDLE_TIMEOUT_MS, "30000");

        Finding finding = finding(examine(), "client-timeout");

        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(finding.fix().contains("120000"), finding.fix());
    }

    @Test
    void theAttributionHeaderIsANote() {
        env.remove(ClaudeCode.ATTRIBUTION_HEADER);

        Report report = examine();

        assertEquals(Severity.NOTE, finding(report, "attribution-header").severity());
        assertEquals(0, report.exitCode());
    }

    @Test
    void anUnreachableUpstreamNamesItsUrlSetting() throws IOException {
        bridgeSettings.put("UPSTREAM_BASE_URL", "http://127.0.0.1:" + closedPort() + "/v1");

        Finding finding = error(examine(), "upstream-unreachable");

        assertTrue(finding.text().contains("connection refused"), finding.text());
        assertTrue(finding.fix().startsWith("check UPSTREAM_BASE_URL"), finding.fix());
    }

    @Test
    void aRejectedUpstreamKeyNamesItsKeySetting() {
        try (UpstreamStub rejecting = UpstreamStub.start()) {
            rejecting.otherwise(request -> UpstreamStub.json(401, "{\"error\":{\"message\":\"bad key\"}}"));
            bridgeSettings.put("UPSTREAM_BASE_URL", rejecting.baseUrl());

            Finding finding = error(examine(), "upstream-key-rejected");

            assertTrue(finding.text().endsWith("rejects its key: the catalog answered 401: bad key"), finding.text());
            assertTrue(finding.fix().startsWith("check UPSTREAM_API_KEY"), finding.fix());
        }
    }

    @Test
    void anUpstreamThatForwardsTheTokenIsCheckedWithClaudeCodesToken() {
        try (UpstreamStub forwarding = UpstreamStub.start()) {
            forwarding.otherwise(request -> ("Bearer " + TOKEN).equals(request.headers().get("authorization"))
                    ? UpstreamStub.json(200, CATALOG) : UpstreamStub.json(401, "{\"error\":{\"message\":\"no\"}}"));
            bridgeSettings.put("UPSTREAM_BASE_URL", forwarding.baseUrl());
            bridgeSettings.remove("UPSTREAM_API_KEY");

            assertEquals(Severity.OK, finding(examine(), "upstream").severity());

            env.put(ClaudeCode.AUTH_TOKEN, "some-other-token-121212");
            Finding finding = error(examine(), "upstream-key-rejected");
            assertTrue(finding.text().contains("rejects the key Claude Code sends"), finding.text());
        }
    }

    @Test
    void aDefaultModelTheCatalogLacksIsAWarning() {
        bridgeSettings.put("DEFAULT_UPSTREAM_MODEL", "gpt-typo");

        Report report = examine();

        Finding finding = finding(report, "default-model-missing");
        assertEquals(Severity.WARNING, finding.severity());
        assertTrue(finding.text().contains("(it lists 2, e.g. gpt-test, gpt-mini)"), finding.text());
        assertEquals(Severity.WARNING, finding(report, "model-not-listed").severity());
    }

    @Test
    void eachModelClaudeCodeAsksForIsRoutedAndChecked() {
        env.put("ANTHROPIC_DEFAULT_HAIKU_MODEL", "claude-haiku-5-5");
        bridgeSettings.put("MODEL_MAP_JSON", "{\"claude-*haiku*\":\"gpt-missing\"}");

        Report report = examine();

        Finding haiku = finding(report, "model-not-listed");
        assertTrue(haiku.text().startsWith("claude-haiku-5-5 (ANTHROPIC_DEFAULT_HAIKU_MODEL) -> upstream/gpt-missing"),
                haiku.text());
        assertTrue(haiku.fix().contains("MODEL_MAP_JSON"), haiku.fix());
    }

    @Test
    void aCatalogModelOfAnUnknownUpstreamIsAnError() {
        env.put("ANTHROPIC_MODEL", "claude-via-nowhere/gpt-test");

        Report report = examine();

        assertTrue(error(report, "model-unknown").text().contains("names no configured upstream"));
    }

    @Test
    void theContextWindowClaudeCodeShouldBeToldComesFromTheCatalog() {
        env.remove(ClaudeCode.MAX_CONTEXT_TOKENS);
        Finding unset = finding(examine(), "max-context-unset");
        assertEquals(Severity.WARNING, unset.severity());
        assertEquals("export CLAUDE_CODE_MAX_CONTEXT_TOKENS=128000", unset.fix());

        env.put(ClaudeCode.MAX_CONTEXT_TOKENS, "1000000");
        assertEquals(Severity.WARNING, finding(examine(), "max-context-too-large").severity());
    }

    @Test
    void aShortUpstreamIdleTimeoutIsAWarning() {
        bridgeSettings.put("UPSTREAM_TIMEOUT_SECONDS", "30");

        assertEquals(Severity.WARNING, finding(examine(), "upstream-idle-timeout").severity());
    }

    @Test
    void noUpstreamAnywhereSaysWhatToSet() throws IOException {
        env.put(ClaudeCode.BASE_URL, "http://127.0.0.1:" + closedPort());
        bridgeSettings.remove("UPSTREAM_BASE_URL");
        bridgeSettings.remove("UPSTREAM_API_KEY");

        Finding finding = error(examine(), "no-upstream");

        assertTrue(finding.fix().contains("JOY_TOKEN_API_KEY"), finding.fix());
    }

    @Test
    void theRunningBridgesUpstreamsAreReportedWhenThisEnvironmentConfiguresNone() {
        bridgeSettings.remove("UPSTREAM_BASE_URL");
        bridgeSettings.remove("UPSTREAM_API_KEY");

        Report report = examine();

        Finding upstreamFinding = finding(report, "upstream");
        assertTrue(upstreamFinding.text().contains("as the running bridge last probed it"), upstreamFinding.text());
        assertTrue(upstreamFinding.text().contains("key accepted, 2 models, default model 'gpt-test' listed"),
                upstreamFinding.text());
        assertEquals(Severity.NOTE, finding(report, "models-unchecked").severity());
        assertEquals(0, report.exitCode(), printed(report));
    }

    @Test
    void aRunningBridgeWithoutAUsableUpstreamIsNotReady() throws IOException {
        try (RunningBridge stranded = RunningBridge.start(Map.of("UPSTREAM_BASE_URL",
                "http://127.0.0.1:" + closedPort() + "/v1", "UPSTREAM_API_KEY", UPSTREAM_KEY))) {
            env.put(ClaudeCode.BASE_URL, stranded.baseUrl());

            Finding finding = error(examine(), "bridge-not-ready");

            assertTrue(finding.text().contains("no upstream is usable (upstream: UNREACHABLE: connection refused"),
                    finding.text());
        }
    }

    @Test
    void aBridgeConfigurationThatCannotStartIsAnError() {
        bridgeSettings.put("MODEL_MAP_JSON", "{oops");

        assertTrue(error(examine(), "bridge-config").text().contains("MODEL_MAP_JSON"));
    }

    @Test
    void thePrintedReportRecommendsSettingsAndNeverShowsAKey() throws IOException {
        env.put(ClaudeCode.API_KEY, FAKE_ANTHROPIC + "api03-printed-131313");
        env.put(ClaudeCode.OAUTH_TOKEN, FAKE_ANTHROPIC + "oat01-printed-141414");
        Files.writeString(home.resolve(".claude.json"),
                "{\"primaryApiKey\":\"" + FAKE_ANTHROPIC + "api03-stored-151515\"}");
        bridgeSettings.put("GATEWAY_API_KEY", "doctor-gateway-key-161616");

        String text = printed(examine());

        for (String secret : List.of(TOKEN, UPSTREAM_KEY, FAKE_ANTHROPIC + "api03-printed-131313",
                FAKE_ANTHROPIC + "oat01-printed-141414", FAKE_ANTHROPIC + "api03-stored-151515",
                "doctor-gateway-key-161616")) {
            assertFalse(text.contains(secret), secret + " printed:\n" + text);
        }
        assertTrue(text.contains("Recommended Claude Code settings, for the shell:\n  export ANTHROPIC_BASE_URL="
                + bridge.baseUrl() + "\n  export ANTHROPIC_AUTH_TOKEN=\"<the bridge's GATEWAY_API_KEY>\"\n"
                + "  export ANTHROPIC_API_KEY=\"\"\n"), text);
        assertTrue(text.contains("\"CLAUDE_CODE_MAX_CONTEXT_TOKENS\": \"128000\""), text);
        assertTrue(text.contains("  ERROR  ANTHROPIC_API_KEY holds an Anthropic key"), text);
        assertTrue(text.contains(" [api-key-set]\n         fix: "), text);
    }

    @Test
    void theCommandRejectsABadBridgeUrlAndPrintsHelp() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int exit = DoctorCommand.run(new String[]{"--bridge", "not a url"}, new PrintStream(out, true,
                StandardCharsets.UTF_8));

        assertEquals(2, exit);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--bridge needs a URL"), out.toString());
        ByteArrayOutputStream help = new ByteArrayOutputStream();
        assertEquals(0, DoctorCommand.run(new String[]{"--help"}, new PrintStream(help, true, StandardCharsets.UTF_8)));
        assertTrue(help.toString(StandardCharsets.UTF_8).contains("ccbridge doctor [--bridge URL]"));
    }

    private Report examine() {
        return Doctor.examine(new Doctor.Inputs(home, work, env, RunningBridge.config(bridgeSettings), bridgeUrl,
                Duration.ofSeconds(5)));
    }

    private void writeUserSettings(String json) throws IOException {
        Files.createDirectories(home.resolve(".claude"));
        Files.writeString(home.resolve(".claude/settings.json"), json);
    }

    private static Finding finding(Report report, String code) {
        return report.find(code).orElseThrow(() -> new AssertionError("no finding '" + code + "' in:\n"
                + printed(report)));
    }

    private static Finding error(Report report, String code) {
        Finding finding = finding(report, code);
        assertEquals(Severity.ERROR, finding.severity(), finding.toString());
        assertEquals(1, report.exitCode());
        return finding;
    }

    private static String printed(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
