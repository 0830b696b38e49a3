package dev.ccbridge.server;

import dev.ccbridge.server.config.BridgeSettings;
import dev.ccbridge.server.config.LogSettings;
import dev.ccbridge.server.config.RouteSpec;
import dev.ccbridge.server.config.UpstreamSpec;
import dev.ccbridge.server.doctor.ClaudeCode;
import dev.ccbridge.server.doctor.RecommendedSettings;
import dev.ccbridge.server.doctor.UpstreamSettingNames;
import dev.ccbridge.server.probe.KeyStatus;
import dev.ccbridge.server.probe.UpstreamStatus;
import dev.ccbridge.server.upstream.ConfiguredUpstream;
import dev.ccbridge.server.upstream.NotConfiguredException;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What the bridge prints when it has started: its version and address, its routes, each upstream (keys masked)
 * with what probing it found, and the lines to paste into Claude Code's environment.
 */
final class StartupSummary {

    private StartupSummary() {
    }

    /**
     * @param settings the settings
     * @return whether the bridge listens on an address other machines may reach while callers need no key
     */
    static boolean exposedWithoutKey(BridgeSettings settings) {
        if (settings.gatewayKey() != null) {
            return false;
        }
        try {
            return !InetAddress.getByName(settings.host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return true;
        }
    }

    static void print(Bridge bridge, int port, List<UpstreamStatus> probes, boolean demo, PrintStream out) {
        BridgeSettings settings = bridge.settings();
        String base = "http://" + (settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host()) + ":" + port;
        StringBuilder text = new StringBuilder();
        text.append("ccbridge ").append(Version.current()).append(" listening on ").append(base)
                .append(demo ? " (DEMO: a built-in script answers, no model, no key, no network)" : "").append('\n');
        text.append("  routes: POST /v1/messages, POST /v1/messages/count_tokens, GET /v1/models");
        if (!settings.prefix().isEmpty()) {
            text.append(" (also under ").append(settings.prefix()).append(')');
        }
        text.append('\n');
        text.append("  health: GET /health, /observe/health/live, /observe/health/ready\n");
        text.append("  adapters: ").append(bridge.adapters().describe()).append('\n');
        if (bridge.router().upstreams().isEmpty()) {
            text.append("  upstream: NONE. ").append(NotConfiguredException.WHAT_TO_SET).append('\n');
        }
        List<ConfiguredUpstream> upstreams = bridge.router().upstreams();
        for (int i = 0; i < upstreams.size(); i++) {
            ConfiguredUpstream upstream = upstreams.get(i);
            text.append("  upstream ").append(upstream.name()).append(": ").append(upstream.adapterId())
                    .append(" -> ").append(upstream.adapter().describe()).append(keys(bridge, upstream.name()))
                    .append('\n');
            if (i < probes.size()) {
                UpstreamStatus status = probes.get(i);
                text.append("    ").append(status.describe()).append(advice(status, settings, upstream)).append('\n');
            }
        }
        for (RouteSpec route : settings.routes()) {
            text.append("  model route: ").append(String.join(", ", route.match())).append(" -> ")
                    .append(route.targets().stream().map(target -> target.model() == null ? target.upstream()
                            : target.upstream() + " (" + target.model() + ")").collect(Collectors.joining(", then ")))
                    .append('\n');
        }
        if (upstreams.size() > 1) {
            text.append("  model route: ").append(settings.routes().isEmpty() ? "every model" : "any other model")
                    .append(" -> ").append(upstreams.stream().map(ConfiguredUpstream::name)
                            .collect(Collectors.joining(", then "))).append('\n');
        }
        if (settings.models().defaultModel() != null) {
            text.append("  models: default ").append(settings.models().defaultModel())
                    .append(settings.models().force() ? " (forced)" : "").append('\n');
        }
        LogSettings logs = settings.logs();
        if (logs.exchangeLog() != null) {
            text.append("  exchange log: ").append(logs.exchangeLog().toAbsolutePath().normalize())
                    .append(" (one JSON line per exchange)\n");
        }
        text.append("  usage: ").append(logs.usageDir() == null ? "not recorded (BRIDGE_USAGE_DIR is off)"
                : "recorded in " + logs.usageDir().toAbsolutePath().normalize() + " as <day>." + logs.replica()
                        + ".jsonl; 'ccbridge usage' or GET /v1/usage sums it").append('\n');
        if (exposedWithoutKey(settings)) {
            text.append("  WARNING: reachable from other machines on ").append(settings.host())
                    .append(" and no GATEWAY_API_KEY is set: anyone who reaches this port can spend the upstream "
                            + "keys\n");
        }
        text.append("  caller key: ").append(settings.gatewayKey() == null
                ? "not required (set GATEWAY_API_KEY to require one)"
                : "required (GATEWAY_API_KEY " + Secrets.masked(settings.gatewayKey()) + ")").append('\n');
        RecommendedSettings recommended = RecommendedSettings.of(bridge, base, probes, ClaudeCode.DEFAULT_MODEL,
                demo);
        text.append(demo ? "Try it: in another terminal, paste these lines, then run claude (or claude -p "
                + "\"what is in this folder?\"):\n" : "Point Claude Code at it (shell):\n");
        recommended.exports().lines().forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("or in ~/.claude/settings.json (it wins over the shell):\n");
        recommended.settingsJson().lines().forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("Check Claude Code's side: ./ccbridge doctor (or java -jar bridge-server.jar doctor)\n");
        out.print(bridge.secrets().mask(text.toString()));
        out.flush();
    }

    /** @return e.g. {@code  (api-key ****abcd)} for the secret settings an upstream has */
    private static String keys(Bridge bridge, String upstream) {
        StringBuilder out = new StringBuilder();
        for (UpstreamSpec spec : bridge.settings().upstreams()) {
            if (!spec.name().equals(upstream)) {
                continue;
            }
            Set<String> secret = bridge.adapters().require(spec.adapterId()).factory().secretSettings();
            spec.settings().forEach((key, value) -> {
                if (secret.contains(key) && value != null && !value.isBlank()) {
                    out.append(out.isEmpty() ? " (" : ", ").append(key).append(' ').append(Secrets.masked(value));
                }
            });
        }
        return out.isEmpty() ? "" : out.append(')').toString();
    }

    /** @return which setting to change when a probe found a problem */
    private static String advice(UpstreamStatus status, BridgeSettings settings, ConfiguredUpstream upstream) {
        if (!status.reachable()) {
            return "; check " + UpstreamSettingNames.url(upstream.name(), settings.upstreams()) + " and the network";
        }
        return status.key() == KeyStatus.REJECTED
                ? "; check " + UpstreamSettingNames.key(upstream.name(), settings.upstreams()) : "";
    }
}
