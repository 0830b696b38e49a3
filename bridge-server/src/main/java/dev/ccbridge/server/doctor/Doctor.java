package dev.ccbridge.server.doctor;

import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.RandomIds;
import dev.ccbridge.server.Secrets;
import dev.ccbridge.server.config.BridgeSettings;
import dev.ccbridge.server.probe.UpstreamStatus;
import dev.ccbridge.server.upstream.NotConfiguredException;

import io.helidon.config.Config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds what keeps Claude Code from working through the bridge, and says what to do about each thing: Claude
 * Code's settings and environment, the running bridge, each upstream and each model Claude Code asks for. It reads
 * everything from its {@link Inputs}, never from the process, so tests can give it any home folder and environment.
 */
public final class Doctor {

    /** Where the bridge listens when nothing configures it. */
    private static final String DEFAULT_BRIDGE = "http://127.0.0.1:8787";

    /**
     * What the doctor looks at.
     *
     * @param home         the user's home folder
     * @param workingDir   the folder Claude Code would start in
     * @param env          the shell's environment
     * @param bridgeConfig the bridge's configuration as this environment has it
     * @param bridgeUrl    where the bridge runs when given ({@code --bridge}), else {@code null}
     * @param timeout      how long each network check may take
     */
    public record Inputs(Path home, Path workingDir, Map<String, String> env, Config bridgeConfig, URI bridgeUrl,
                         Duration timeout) {
    }

    private Doctor() {
    }

    /**
     * @param inputs what to look at
     * @return what was found
     */
    public static Report examine(Inputs inputs) {
        ClaudeCodeEnvironment env = ClaudeCodeEnvironment.read(inputs.home(), inputs.workingDir(), inputs.env());
        Secrets secrets = new Secrets();
        List.of(ClaudeCode.AUTH_TOKEN, ClaudeCode.API_KEY, ClaudeCode.OAUTH_TOKEN)
                .forEach(name -> env.nonBlank(name).ifPresent(secrets::add));
        secrets.add(env.login().storedApiKey());
        Report report = new Report(secrets);

        Bridge bridge = null;
        try {
            bridge = Bridge.create(BridgeSettings.from(inputs.bridgeConfig()), new RandomIds(), Clock.systemUTC());
            secrets.add(bridge.settings().gatewayKey());
        } catch (IllegalArgumentException | IllegalStateException e) {
            report.add("Bridge configuration", Finding.error("bridge-config", "this environment's bridge "
                    + "configuration cannot start a bridge: " + e.getMessage(), "fix the setting it names"));
        }
        URI configured = URI.create(bridge == null ? DEFAULT_BRIDGE : "http://"
                + (bridge.settings().host().equals("0.0.0.0") ? "127.0.0.1" : bridge.settings().host()) + ":"
                + bridge.settings().port());
        // A base URL ending in /v1 is reported among Claude Code's settings; the bridge is asked as if it were fixed.
        Optional<URI> baseUrl = env.nonBlank(ClaudeCode.BASE_URL)
                .map(url -> url.strip().replaceAll("(/v1|/v1/messages)/*$", "")).flatMap(Doctor::httpUrl);
        URI target = inputs.bridgeUrl() != null ? inputs.bridgeUrl() : baseUrl.orElse(configured);
        String token = bridge == null ? RecommendedSettings.ANY_TOKEN : RecommendedSettings.token(bridge);

        new ClaudeCodeChecks(env, BridgeChecks.origin(target).toString(), token,
                finding -> report.add("Claude Code", finding)).run();

        String model = env.nonBlank("ANTHROPIC_MODEL").orElse(ClaudeCode.DEFAULT_MODEL);
        BridgeChecks.Outcome outcome = new BridgeChecks(inputs.timeout(),
                finding -> report.add("Bridge at " + BridgeChecks.origin(target), finding))
                .run(target, baseUrl.orElse(null), configured, credentials(env), model);
        if (!outcome.keyTested() && bridge != null && bridge.settings().gatewayKey() != null) {
            gatewayKey(env, bridge.settings().gatewayKey(), finding -> report.add("Claude Code", finding));
        }

        List<UpstreamStatus> probes = List.of();
        UpstreamChecks upstreams = new UpstreamChecks(finding -> report.add("Upstreams", finding),
                finding -> report.add("Models", finding));
        boolean configuredHere = bridge != null && !bridge.router().upstreams().isEmpty();
        if (configuredHere) {
            probes = upstreams.probe(bridge, env.nonBlank(ClaudeCode.AUTH_TOKEN).orElse(null));
            upstreams.models(bridge, probes, env);
        } else if (!outcome.upstreams().isEmpty()) {
            upstreams.reportFromBridge(outcome.upstreams());
            report.add("Models", Finding.note("models-unchecked", "the models Claude Code asks for and their "
                    + "context window are not checked: this environment configures no upstream",
                    "run doctor with the bridge's settings (in its shell, or with --config FILE) to check them"));
        } else if (bridge != null) {
            report.add("Upstreams", Finding.error("no-upstream", "no upstream is configured here"
                    + (outcome.running() ? " or in the running bridge" : ""), NotConfiguredException.WHAT_TO_SET));
        }

        RecommendedSettings recommended = bridge == null
                ? new RecommendedSettings(fallbackSettings(BridgeChecks.origin(target).toString()))
                : RecommendedSettings.of(bridge, BridgeChecks.origin(target).toString(), probes, model, false);
        if (!configuredHere && (bridge == null || bridge.settings().gatewayKey() == null)) {
            recommended = recommended.withToken(!outcome.accepted() ? RecommendedSettings.UNKNOWN_TOKEN_PLACEHOLDER
                    : env.nonBlank(ClaudeCode.AUTH_TOKEN).isPresent() ? RecommendedSettings.CURRENT_TOKEN_PLACEHOLDER
                    : RecommendedSettings.ANY_TOKEN);
        }
        report.recommend("Recommended Claude Code settings, for the shell:\n" + indent(recommended.exports())
                + "or in ~/.claude/settings.json (it wins over the shell):\n" + indent(recommended.settingsJson()));
        return report;
    }

    /** The headers Claude Code would send: its bearer token, and an API key (its own, or a stored one). */
    private static List<String[]> credentials(ClaudeCodeEnvironment env) {
        List<String[]> headers = new ArrayList<>();
        env.nonBlank(ClaudeCode.AUTH_TOKEN).ifPresent(token -> headers.add(new String[]{"authorization",
                "Bearer " + token}));
        Optional.ofNullable(env.nonBlank(ClaudeCode.API_KEY).orElse(env.login().storedApiKey()))
                .ifPresent(key -> headers.add(new String[]{"x-api-key", key}));
        return headers;
    }

    /** When the running bridge could not be asked: compares Claude Code's token with the configured key. */
    private static void gatewayKey(ClaudeCodeEnvironment env, String gatewayKey,
                                   java.util.function.Consumer<Finding> out) {
        Optional<String> token = env.nonBlank(ClaudeCode.AUTH_TOKEN).or(() -> env.nonBlank(ClaudeCode.API_KEY));
        if (token.isEmpty()) {
            return;
        }
        if (token.get().equals(gatewayKey)) {
            out.accept(Finding.ok("token-matches", "Claude Code's token is the bridge's GATEWAY_API_KEY ("
                    + Secrets.masked(gatewayKey) + ")"));
        } else {
            out.accept(Finding.error("token-mismatch", "Claude Code's token (" + Secrets.masked(token.get())
                            + ") is not the bridge's GATEWAY_API_KEY (" + Secrets.masked(gatewayKey) + "): the bridge "
                            + "answers 403",
                    "set " + ClaudeCode.AUTH_TOKEN + " to the value of GATEWAY_API_KEY"));
        }
    }

    private static Optional<URI> httpUrl(String text) {
        try {
            URI uri = URI.create(text.strip());
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Map<String, String> fallbackSettings(String url) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ClaudeCode.BASE_URL, url);
        env.put(ClaudeCode.AUTH_TOKEN, RecommendedSettings.UNKNOWN_TOKEN_PLACEHOLDER);
        env.put(ClaudeCode.API_KEY, "");
        env.put(ClaudeCode.ATTRIBUTION_HEADER, "0");
        return env;
    }

    private static String indent(String text) {
        StringBuilder out = new StringBuilder();
        text.lines().forEach(line -> out.append("  ").append(line).append('\n'));
        return out.toString();
    }
}
