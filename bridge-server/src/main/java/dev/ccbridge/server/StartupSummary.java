package dev.ccbridge.server;

import dev.ccbridge.server.config.BridgeSettings;
import dev.ccbridge.server.upstream.ConfiguredUpstream;
import dev.ccbridge.server.upstream.NotConfiguredException;

import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** What the bridge prints when it has started: where it listens, where it sends, and what to paste. */
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

    static void print(Bridge bridge, int port, PrintStream out) {
        BridgeSettings settings = bridge.settings();
        String base = "http://" + (settings.host().equals("0.0.0.0") ? "127.0.0.1" : settings.host()) + ":" + port;
        StringBuilder text = new StringBuilder();
        text.append("ccbridge ").append(Version.current()).append(" listening on ").append(base).append('\n');
        text.append("  routes: POST /v1/messages, POST /v1/messages/count_tokens, GET /v1/models, GET /health");
        if (!settings.prefix().isEmpty()) {
            text.append(" (also under ").append(settings.prefix()).append(')');
        }
        text.append('\n');
        text.append("  adapters: ").append(bridge.adapters().describe()).append('\n');
        if (bridge.router().upstreams().isEmpty()) {
            text.append("  upstream: NONE. ").append(NotConfiguredException.WHAT_TO_SET).append('\n');
        }
        for (ConfiguredUpstream upstream : bridge.router().upstreams()) {
            text.append("  upstream ").append(upstream.name()).append(": ").append(upstream.adapterId())
                    .append(" -> ").append(bridge.secrets().mask(upstream.adapter().describe())).append('\n');
        }
        if (settings.models().defaultModel() != null) {
            text.append("  models: default ").append(settings.models().defaultModel())
                    .append(settings.models().force() ? " (forced)" : "").append('\n');
        }
        if (exposedWithoutKey(settings)) {
            text.append("  WARNING: reachable from other machines on ").append(settings.host())
                    .append(" and no GATEWAY_API_KEY is set: anyone who reaches this port can spend the upstream "
                            + "keys\n");
        }
        text.append("  caller key: ").append(settings.gatewayKey() == null
                ? "not required (set GATEWAY_API_KEY to require one)"
                : "required (GATEWAY_API_KEY " + Secrets.masked(settings.gatewayKey()) + ")").append('\n');
        text.append("Point Claude Code at it:\n");
        text.append("  export ANTHROPIC_BASE_URL=").append(base).append('\n');
        text.append("  export ANTHROPIC_AUTH_TOKEN=")
                .append(settings.gatewayKey() == null ? "<your upstream key, or any text>" : "<GATEWAY_API_KEY>")
                .append('\n');
        text.append("  export ANTHROPIC_API_KEY=\"\"\n");
        out.print(bridge.secrets().mask(text.toString()));
        out.flush();
    }
}
