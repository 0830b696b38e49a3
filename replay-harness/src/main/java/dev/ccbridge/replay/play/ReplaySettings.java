package dev.ccbridge.replay.play;

import dev.ccbridge.replay.fixture.SessionFixture;
import dev.ccbridge.server.recording.RecordingFormat;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bridge configuration that reproduces a recorded session: the recorded upstreams (adapter, profile and
 * settings, with every base URL moved to the one replay upstream and redacted secrets replaced by stand-ins), the
 * routes, the model mapping, the route prefix and the default output limit. Configuration keys under
 * {@code recorded_with.settings}, when a recording has them, are passed on as they are.
 */
public final class ReplaySettings {

    /** The key a replay gives in place of a redacted one. */
    public static final String STAND_IN_KEY = "replay-stand-in-key";

    private ReplaySettings() {
    }

    /**
     * @param session      the recorded session
     * @param upstreamBase the replay upstream's base, e.g. {@code http://127.0.0.1:PORT}
     * @return configuration keys and values for the bridge
     */
    public static Map<String, String> of(SessionFixture session, String upstreamBase) {
        JsonObject with = session.recordedWith();
        Map<String, String> out = new LinkedHashMap<>();
        JsonArray upstreams = with.getJsonArray("upstreams");
        for (int i = 0; upstreams != null && i < upstreams.size(); i++) {
            JsonObject upstream = upstreams.getJsonObject(i);
            String at = "bridge.upstreams." + i + ".";
            out.put(at + "name", upstream.getString("name"));
            out.put(at + "adapter", upstream.getString("adapter"));
            if (upstream.get("default-model") instanceof JsonString model) {
                out.put(at + "default-model", model.getString());
            }
            upstream.getJsonObject("settings").forEach((key, value) -> {
                String text = text(value);
                if (key.equals("base-url")) {
                    text = moved(text, upstreamBase);
                } else if (text.contains(RecordingFormat.REDACTED)) {
                    text = STAND_IN_KEY;
                }
                out.put(at + "settings." + key, text);
            });
            if (!upstream.getJsonObject("settings").containsKey("base-url")) {
                out.put(at + "settings.base-url", upstreamBase + "/v1");
            }
        }
        JsonArray routes = with.getJsonArray("routes");
        for (int i = 0; routes != null && i < routes.size(); i++) {
            JsonObject route = routes.getJsonObject(i);
            String at = "bridge.routes." + i + ".";
            JsonArray match = route.getJsonArray("match");
            for (int j = 0; j < match.size(); j++) {
                out.put(at + "match." + j, match.getString(j));
            }
            JsonArray targets = route.getJsonArray("upstreams");
            for (int j = 0; j < targets.size(); j++) {
                JsonObject target = targets.getJsonObject(j);
                out.put(at + "upstreams." + j + ".name", target.getString("name"));
                if (target.get("model") instanceof JsonString model) {
                    out.put(at + "upstreams." + j + ".model", model.getString());
                }
            }
            if (route.get("options") instanceof JsonObject options) {
                options.forEach((key, value) -> out.put(at + "options." + key, text(value)));
            }
            out.put(at + "retries", Integer.toString(route.getInt("retries", 0)));
        }
        if (with.get("models") instanceof JsonObject models) {
            if (models.get("default") instanceof JsonString model) {
                out.put("bridge.models.default", model.getString());
            }
            out.put("bridge.models.force", Boolean.toString(models.getBoolean("force", false)));
            JsonArray map = models.getJsonArray("map");
            for (int i = 0; map != null && i < map.size(); i++) {
                out.put("bridge.models.map." + i + ".match", map.getJsonObject(i).getString("match"));
                out.put("bridge.models.map." + i + ".model", map.getJsonObject(i).getString("model"));
            }
        }
        if (with.get("prefix") instanceof JsonString prefix) {
            out.put("bridge.prefix", prefix.getString());
        }
        if (with.containsKey("default-max-tokens")) {
            out.put("bridge.default-max-tokens", Integer.toString(with.getInt("default-max-tokens")));
        }
        if (with.get("settings") instanceof JsonObject settings) {
            settings.forEach((key, value) -> out.put(key, text(value)));
        }
        return out;
    }

    private static String text(JsonValue value) {
        return value instanceof JsonString string ? string.getString() : value.toString();
    }

    private static String moved(String url, String base) {
        URI uri = URI.create(url);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return base + path + query;
    }
}
