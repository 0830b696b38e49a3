package dev.ccbridge.server.http;

import dev.ccbridge.server.Bridge;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.observe.KeyFingerprint;
import dev.ccbridge.server.observe.UsageQuery;
import dev.ccbridge.server.observe.UsageReport;
import dev.ccbridge.server.observe.UsageStore;
import dev.ccbridge.server.recording.ExchangeTap;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /v1/usage?since=YYYY-MM-DD&until=YYYY-MM-DD&by=key,model&key=FINGERPRINT}: the usage store summed
 * as {@code ccbridge usage --json} prints it, across every replica writing to the same folder.
 *
 * <p>Who sees what: with a {@code GATEWAY_API_KEY}, the caller must present it and then sees every key's usage
 * (whoever holds the gateway key runs this bridge). Without one, anyone can reach the bridge, so a caller sees
 * only the usage of the key it presents, and must present one; asking for another key's usage is refused. A
 * caller can only name a key it holds, since the fingerprint is derived from the key.
 */
public final class UsageService implements HttpService {

    private final Bridge bridge;
    private final CallerAuth auth;

    /**
     * @param bridge the assembled bridge
     */
    public UsageService(Bridge bridge) {
        this.bridge = bridge;
        this.auth = new CallerAuth(bridge.settings().gatewayKey());
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/v1/usage", this::usage)
                .any("/v1/usage", UnmatchedRoutes.methodNotAllowed(bridge, "GET"));
    }

    private void usage(ServerRequest req, ServerResponse res) {
        ClientSide client = new ClientSide(res, RequestIds.of(req.headers(), bridge.ids()), bridge.secrets(),
                ExchangeTap.NONE);
        Optional<AnthropicError> denied = auth.check(req.headers());
        if (denied.isPresent()) {
            client.sendError(denied.get());
            return;
        }
        Path dir = bridge.settings().logs().usageDir();
        if (dir == null) {
            client.sendError(new AnthropicError(404, "not_found_error", "this bridge records no usage: set "
                    + "BRIDGE_USAGE_DIR (bridge.usage-dir) to a folder to record it"));
            return;
        }
        UsageQuery query;
        try {
            query = UsageQuery.parse(param(req, "since"), param(req, "until"), param(req, "key"), param(req, "by"));
        } catch (IllegalArgumentException e) {
            client.sendError(AnthropicError.invalidRequest(e.getMessage()));
            return;
        }
        if (bridge.settings().gatewayKey() == null) {
            Optional<String> own = auth.presentedKey(req.headers()).map(KeyFingerprint::of);
            if (own.isEmpty()) {
                client.sendError(new AnthropicError(401, "authentication_error", "send your key (Authorization: "
                        + "Bearer, or x-api-key) to see its usage; this bridge has no GATEWAY_API_KEY, so each "
                        + "caller sees only its own key's usage"));
                return;
            }
            if (query.key() != null && !query.key().equals(own.get())) {
                client.sendError(new AnthropicError(403, "permission_error", "this bridge has no GATEWAY_API_KEY, "
                        + "so a caller sees only the usage of the key it sends (" + own.get() + ")"));
                return;
            }
            query = query.onlyKey(own.get());
        }
        UsageReport report = new UsageReport(query);
        try {
            UsageStore.read(dir, query, report::add);
        } catch (UncheckedIOException e) {
            client.sendError(new AnthropicError(500, "api_error", e.getMessage()));
            return;
        }
        client.sendJson(200, report.toJson().toString().getBytes(StandardCharsets.UTF_8), Map.of());
    }

    private static String param(ServerRequest req, String name) {
        return req.query().first(name).orElse(null);
    }
}
