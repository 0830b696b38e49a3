package dev.ccbridge.server.doctor;

import dev.ccbridge.server.http.HealthService;
import dev.ccbridge.server.json.JsonFactories;
import dev.ccbridge.server.upstream.NotConfiguredException;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The checks that ask the running bridge: does a ccbridge answer {@code GET /health} where Claude Code sends
 * requests, is it ready, and does it accept Claude Code's credentials on the path Claude Code uses (a
 * {@code count_tokens} request, which the bridge answers itself without calling an upstream).
 */
final class BridgeChecks {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]", "0.0.0.0");

    /**
     * What the running bridge said about itself.
     *
     * @param running   whether a ccbridge answered
     * @param health    its {@code GET /health} body, when it answered
     * @param accepted  whether the count_tokens request with Claude Code's credentials was made, and succeeded
     * @param keyTested whether that request was made at all
     */
    record Outcome(boolean running, Optional<JsonObject> health, boolean accepted, boolean keyTested) {
        /**
         * @return the upstreams it reported
         */
        List<JsonObject> upstreams() {
            return health.map(h -> h.get("upstreams") instanceof JsonArray a ? a : JsonValue.EMPTY_JSON_ARRAY)
                    .orElse(JsonValue.EMPTY_JSON_ARRAY).stream()
                    .filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList();
        }
    }

    private final HttpClient http;
    private final Duration timeout;
    private final Consumer<Finding> out;

    /**
     * @param timeout how long each request to the bridge may take
     * @param out     where findings go
     */
    BridgeChecks(Duration timeout, Consumer<Finding> out) {
        this.timeout = timeout;
        this.out = out;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * @param target      where the bridge should answer
     * @param baseUrl     Claude Code's {@code ANTHROPIC_BASE_URL}, or {@code null}
     * @param expected    where this environment's configuration would start the bridge
     * @param credentials the headers Claude Code would send
     * @param model       the model Claude Code asks for
     * @return what the bridge said
     */
    Outcome run(URI target, URI baseUrl, URI expected, List<String[]> credentials, String model) {
        if (baseUrl != null && !sameOrigin(baseUrl, target)) {
            out.accept(Finding.error("base-url-mismatch", ClaudeCode.BASE_URL + " sends Claude Code to "
                    + origin(baseUrl) + ", but the bridge is at " + origin(target),
                    "set " + ClaudeCode.BASE_URL + "=" + origin(target)));
        }
        Optional<JsonObject> health;
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(origin(target).resolve("/health"))
                    .timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            health = json(response.body()).filter(BridgeChecks::isBridge);
            if (health.isEmpty()) {
                out.accept(Finding.error("not-a-bridge", origin(target) + " answers GET /health with "
                                + response.statusCode() + ", but not as ccbridge: another program has the port",
                        "stop that program, or start the bridge on another port (--port, PORT) and point "
                                + ClaudeCode.BASE_URL + " there"));
                return new Outcome(false, Optional.empty(), false, false);
            }
        } catch (IOException e) {
            String hint = !sameOrigin(target, expected) ? "; this environment's configuration would start it at "
                    + origin(expected) : "";
            out.accept(Finding.error("bridge-not-running", "no bridge answers at " + origin(target) + ": "
                            + why(e) + hint,
                    "start it (./ccbridge, or java -jar bridge-server.jar) with the upstream's settings, or point "
                            + ClaudeCode.BASE_URL + " at where it runs"));
            return new Outcome(false, Optional.empty(), false, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(false, Optional.empty(), false, false);
        }
        JsonObject status = health.get();
        out.accept(Finding.ok("bridge-running", "ccbridge " + status.getString("version", "(older)") + " answers at "
                + origin(target)));
        if (status.get("ready") == JsonValue.FALSE) {
            String why = status.getString("not_ready_because", "no upstream is usable");
            List<String> problems = new ArrayList<>();
            for (JsonValue upstream : status.getJsonArray("upstreams")) {
                if (upstream instanceof JsonObject u && u.get("summary") instanceof JsonString summary) {
                    problems.add(u.getString("name", "?") + ": " + summary.getString());
                }
            }
            out.accept(Finding.error("bridge-not-ready", "the bridge is not ready: " + why
                            + (problems.isEmpty() ? "" : " (" + String.join("; ", problems) + ")"),
                    why.startsWith("no upstream is configured") ? NotConfiguredException.WHAT_TO_SET
                            : "fix the upstream (see Upstreams below); the bridge probes again on its own"));
        }
        if (baseUrl == null || !sameOrigin(baseUrl, target)) {
            return new Outcome(true, health, false, false);
        }
        return new Outcome(true, health, countTokens(baseUrl, credentials, model), true);
    }

    /** A request on the path Claude Code uses, with its credentials; the bridge answers it without an upstream. */
    private boolean countTokens(URI baseUrl, List<String[]> credentials, String model) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/v1/messages/count_tokens?beta=true");
        String body = JsonFactories.BUILDERS.createObjectBuilder().add("model", model)
                .add("messages", JsonFactories.BUILDERS.createArrayBuilder().add(JsonFactories.BUILDERS
                        .createObjectBuilder().add("role", "user").add("content", "ccbridge doctor")))
                .build().toString();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("content-type", "application/json")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        credentials.forEach(header -> request.header(header[0], header[1]));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            out.accept(Finding.error("bridge-not-running", "POST " + uri + " failed: " + why(e),
                    "check " + ClaudeCode.BASE_URL));
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        String message = json(response.body()).map(json -> json.get("error") instanceof JsonObject error
                ? error.getString("message", "") : "").orElse("");
        String type = json(response.body()).map(json -> json.get("error") instanceof JsonObject error
                ? error.getString("type", "") : "").orElse("");
        int status = response.statusCode();
        if (status == 200) {
            out.accept(Finding.ok("bridge-accepts", "the bridge accepts Claude Code's credentials on "
                    + base + "/v1/messages"));
            return true;
        }
        if (status == 401 || status == 403) {
            out.accept(Finding.error("bridge-rejects-key", "the bridge refuses Claude Code's credentials ("
                    + status + "): " + message, "set " + ClaudeCode.AUTH_TOKEN + " to the bridge's "
                    + "GATEWAY_API_KEY and " + ClaudeCode.API_KEY + "=\"\""));
        } else if (status == 404 && "not_found_error".equals(type) && message.startsWith("model")) {
            out.accept(Finding.error("model-unknown", "the bridge cannot route Claude Code's model: " + message,
                    "choose another model (ANTHROPIC_MODEL, --model) or map it (MODEL_MAP_JSON)"));
        } else if (status == 404) {
            out.accept(Finding.error("base-url-path", "POST " + uri + " answered 404: the bridge serves "
                            + "/v1/messages at its root and under its prefix (default /anthropic), not under "
                            + baseUrl.getPath(),
                    "set " + ClaudeCode.BASE_URL + "=" + origin(baseUrl)));
        } else {
            out.accept(Finding.warning("bridge-count-tokens", "POST " + uri + " answered " + status
                    + (message.isEmpty() ? "" : ": " + message), null));
        }
        return false;
    }

    /**
     * @param uri a URL
     * @return its scheme, host and port
     */
    static URI origin(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    /**
     * @param a a URL
     * @param b another
     * @return whether both reach the same server: same scheme and port, and the same host or both loopback
     */
    static boolean sameOrigin(URI a, URI b) {
        if (!a.getScheme().equalsIgnoreCase(b.getScheme()) || port(a) != port(b)) {
            return false;
        }
        String hostA = a.getHost().toLowerCase(Locale.ROOT);
        String hostB = b.getHost().toLowerCase(Locale.ROOT);
        return hostA.equals(hostB) || (LOOPBACK.contains(hostA) && LOOPBACK.contains(hostB));
    }

    private static int port(URI uri) {
        return uri.getPort() > 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean isBridge(JsonObject health) {
        return HealthService.SERVICE.equals(health.getString("service", ""))
                || ("ok".equals(health.getString("status", "")) && health.get("upstreams") instanceof JsonArray);
    }

    private static Optional<JsonObject> json(String body) {
        try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(body))) {
            return reader.readValue() instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (JsonException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private String why(IOException e) {
        if (e instanceof HttpConnectTimeoutException || e instanceof HttpTimeoutException) {
            return "no answer within " + timeout.toSeconds() + " s";
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
        }
        return e.toString();
    }
}
