package dev.ccbridge.server.demo;

import dev.ccbridge.server.scripted.Script;
import dev.ccbridge.server.scripted.ScriptReader;
import dev.ccbridge.server.scripted.ScriptedUpstream;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The demo: the scripted upstream playing {@code demo/script.json} on a free port of 127.0.0.1, and a bridge
 * configuration whose only upstream it is. The configuration reads nothing from the environment or a YAML file
 * (no key, no other upstream can leak in); only the command line's options apply, so {@code --port} works.
 */
public final class Demo {

    /** The configuration key that tells the startup summary it is the demo. */
    public static final String FLAG = "bridge.demo";
    /** The demo upstream's name. */
    public static final String UPSTREAM = "demo";

    private static final String SCRIPT = "/demo/script.json";

    private Demo() {
    }

    /**
     * @return the demo script
     */
    public static Script script() {
        try (InputStream in = Demo.class.getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("the demo script " + SCRIPT + " is missing from the class path");
            }
            return ScriptReader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @return the scripted upstream playing the demo, started on a free port of 127.0.0.1; it runs until closed
     */
    public static ScriptedUpstream startUpstream() {
        return ScriptedUpstream.start(script(), 0);
    }

    /**
     * @param options     the command line's options (configuration keys such as {@code PORT})
     * @param upstreamUrl the scripted upstream's base URL
     * @return the bridge's configuration for the demo
     */
    public static Config config(Map<String, String> options, String upstreamUrl) {
        Map<String, String> demo = new LinkedHashMap<>();
        demo.put("HOST", "127.0.0.1");
        demo.put(FLAG, "true");
        demo.put("bridge.upstreams.0.name", UPSTREAM);
        demo.put("bridge.upstreams.0.adapter", "generic-openai");
        demo.put("bridge.upstreams.0.default-model", ScriptedUpstream.MODEL);
        demo.put("bridge.upstreams.0.settings.base-url", upstreamUrl);
        // Claude Code's title request asks for a JSON schema answer, which the script answers in kind.
        demo.put("bridge.upstreams.0.settings.features-add", "json-schema-output");
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(options), ConfigSources.create(demo),
                        ConfigSources.classpath("application.yaml"))
                .build();
    }
}
