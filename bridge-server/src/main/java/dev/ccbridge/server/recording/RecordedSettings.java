package dev.ccbridge.server.recording;

import dev.ccbridge.server.config.BridgeSettings;
import dev.ccbridge.server.config.ModelMapping;
import dev.ccbridge.server.config.RouteSpec;
import dev.ccbridge.server.config.UpstreamSpec;
import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.util.List;
import java.util.Set;

/**
 * What a session was recorded with, for {@code session.json}: the bridge version and the settings that shape its
 * output (upstreams with their adapters and settings, routes, the model mapping, the route prefix, the default
 * output limit), secrets redacted, so a replay can build the same bridge. Timeouts, connection limits and the ping
 * interval are left out: they change when things happen, not what is sent.
 */
public final class RecordedSettings {

    private RecordedSettings() {
    }

    /**
     * @param settings   the bridge's settings
     * @param secretKeys for each upstream, the setting keys its adapter declares secret
     * @param version    the bridge's version
     * @return the description
     */
    public static JsonObject of(BridgeSettings settings, List<Set<String>> secretKeys, String version) {
        JsonArrayBuilder upstreams = JsonFactories.BUILDERS.createArrayBuilder();
        for (int i = 0; i < settings.upstreams().size(); i++) {
            UpstreamSpec spec = settings.upstreams().get(i);
            Set<String> secret = secretKeys.get(i);
            JsonObjectBuilder values = JsonFactories.BUILDERS.createObjectBuilder();
            spec.settings().forEach((key, value) -> values.add(key, secret.contains(key) ? RecordingFormat.REDACTED
                    : value));
            JsonObjectBuilder upstream = JsonFactories.BUILDERS.createObjectBuilder()
                    .add("name", spec.name()).add("adapter", spec.adapterId()).add("settings", values);
            if (spec.defaultModel() != null) {
                upstream.add("default-model", spec.defaultModel());
            }
            upstreams.add(upstream);
        }
        ModelMapping models = settings.models();
        JsonArrayBuilder map = JsonFactories.BUILDERS.createArrayBuilder();
        models.exact().forEach((match, model) -> map.add(JsonFactories.BUILDERS.createObjectBuilder()
                .add("match", match).add("model", model)));
        models.globs().forEach(glob -> map.add(JsonFactories.BUILDERS.createObjectBuilder()
                .add("match", glob.pattern()).add("model", glob.model())));
        JsonObjectBuilder modelJson = JsonFactories.BUILDERS.createObjectBuilder()
                .add("force", models.force()).add("map", map);
        if (models.defaultModel() != null) {
            modelJson.add("default", models.defaultModel());
        }
        return JsonFactories.BUILDERS.createObjectBuilder()
                .add("bridge", version)
                .add("upstreams", upstreams)
                .add("routes", routes(settings.routes()))
                .add("models", modelJson)
                .add("prefix", settings.prefix())
                .add("default-max-tokens", settings.defaultMaxTokens())
                .build();
    }

    private static JsonArrayBuilder routes(List<RouteSpec> routes) {
        JsonArrayBuilder out = JsonFactories.BUILDERS.createArrayBuilder();
        for (RouteSpec route : routes) {
            JsonArrayBuilder targets = JsonFactories.BUILDERS.createArrayBuilder();
            for (RouteSpec.Target target : route.targets()) {
                JsonObjectBuilder json = JsonFactories.BUILDERS.createObjectBuilder().add("name", target.upstream());
                if (target.model() != null) {
                    json.add("model", target.model());
                }
                targets.add(json);
            }
            JsonObjectBuilder options = JsonFactories.BUILDERS.createObjectBuilder();
            route.options().forEach(options::add);
            out.add(JsonFactories.BUILDERS.createObjectBuilder()
                    .add("match", JsonFactories.BUILDERS.createArrayBuilder(route.match()))
                    .add("upstreams", targets)
                    .add("options", options)
                    .add("retries", route.retries()));
        }
        return out;
    }
}
