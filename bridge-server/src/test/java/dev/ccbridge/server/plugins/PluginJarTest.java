package dev.ccbridge.server.plugins;

import dev.ccbridge.server.testing.BridgeConfig;
import dev.ccbridge.server.testing.Messages;
import dev.ccbridge.server.testing.OpenAiRequestSchema;
import dev.ccbridge.server.testing.TestBridge;
import dev.ccbridge.server.testing.UpstreamStub;
import dev.ccbridge.server.upstream.AdapterRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Drop-in adapter jars: a plugin compiled at test time and dropped into a plugins folder serves an upstream over
 * the real HTTP path, in its own class loader that sees the SPI and JSON-P but nothing else of the bridge; and
 * the startup errors a user gets for an unknown adapter id, two adapters with one id, and a jar that registers
 * nothing.
 */
class PluginJarTest {

    private static final String ID = "hello-plugin";

    @TempDir
    static Path build;
    private static PluginJars.Compiled hello;
    private static UpstreamStub upstream;

    @BeforeAll
    static void compile() {
        hello = PluginJars.compile(ID, build.resolve("hello"));
        upstream = UpstreamStub.start();
    }

    @AfterAll
    static void stop() {
        upstream.close();
    }

    @AfterEach
    void everyUpstreamRequestMatchesTheOpenAiSchema() {
        upstream.requests().forEach(request -> OpenAiRequestSchema.check(request.body()));
        upstream.reset();
    }

    /** The two ways a plugin can be dropped in. */
    enum Layout {
        /** {@code plugins/hello.jar}, everything in one jar. */
        ONE_JAR,
        /** {@code plugins/hello/adapter.jar} and {@code plugins/hello/lib.jar}: the adapter and its library. */
        FOLDER_OF_JARS;

        Path install(Path plugins) {
            return switch (this) {
                case ONE_JAR -> PluginJars.jar(plugins.resolve("hello.jar"), true, hello.adapterClasses(),
                        hello.libraryClasses());
                case FOLDER_OF_JARS -> {
                    PluginJars.jar(plugins.resolve("hello/lib.jar"), false, hello.libraryClasses());
                    PluginJars.jar(plugins.resolve("hello/adapter.jar"), true, hello.adapterClasses());
                    yield plugins.resolve("hello");
                }
            };
        }
    }

    @ParameterizedTest
    @EnumSource(Layout.class)
    void aDroppedInAdapterServesAnUpstreamWithoutRebuildingTheBridge(Layout layout, @TempDir Path plugins) {
        Path installed = layout.install(plugins);
        try (TestBridge bridge = TestBridge.start(new BridgeConfig()
                .upstream("greeter", upstream, "adapter", ID)
                .set("BRIDGE_PLUGINS_DIR", plugins.toString())
                .values())) {
            for (boolean stream : new boolean[] {true, false}) {
                upstream.enqueue(Messages.answer("answered through the plugin", stream));

                TestBridge.Response response = bridge.post("/v1/messages", Messages.request("claude-sonnet-4-5",
                        stream));

                assertEquals(200, response.status(), response.body());
                assertEquals("answered through the plugin", Messages.text(response));
                UpstreamStub.Recorded sent = upstream.lastRequest();
                assertEquals("hello", sent.headers().get("x-plugin"));
                assertEquals("hello", sent.json().getString("plugin_field"));
                assertEquals("Bearer greeter-key", sent.headers().get("authorization"));
                assertEquals(stream, sent.json().getBoolean("stream", false));
            }
            AdapterRegistry.Found found = bridge.bridge().adapters().require(ID);
            assertTrue(found.location().startsWith(installed.toString()), found.location());
        }
    }

    @Test
    void thePluginsClassLoaderSeesTheSpiAndJsonButNotHelidonTheEngineOrOtherAdapters(@TempDir Path plugins) {
        Layout.ONE_JAR.install(plugins);
        try (TestBridge bridge = TestBridge.start(new BridgeConfig()
                .upstream("greeter", upstream, "adapter", ID)
                .set("BRIDGE_PLUGINS_DIR", plugins.toString())
                .values())) {
            upstream.enqueue(Messages.answer("ok", false));

            bridge.post("/v1/messages", Messages.request("claude-sonnet-4-5", false));

            List<String> sees = List.of(upstream.lastRequest().headers().get("x-plugin-sees").split(","));
            assertEquals(List.of(
                    "io.helidon.webserver.WebServer:ClassNotFoundException",
                    "dev.ccbridge.server.Bridge:ClassNotFoundException",
                    "dev.ccbridge.upstream.openai.GenericOpenAiAdapter:ClassNotFoundException",
                    "dev.ccbridge.api.UpstreamAdapter:visible",
                    "jakarta.json.JsonObject:visible"), sees);
        }
    }

    @Test
    void anUnknownAdapterIdFailsStartupListingEveryAdapterFoundAndWhere(@TempDir Path plugins) {
        Path jar = Layout.ONE_JAR.install(plugins);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> TestBridge.start(
                new BridgeConfig()
                        .upstream("greeter", upstream, "adapter", "helo-plugin")
                        .set("BRIDGE_PLUGINS_DIR", plugins.toString())
                        .values()));

        String message = error.getMessage();
        assertTrue(message.contains("bridge.upstreams.0") && message.contains("'greeter'")
                && message.contains("'helo-plugin'"), message);
        assertTrue(message.contains(ID + " (" + jar + ")"), message);
        assertTrue(message.contains("generic-openai (") && message.contains("joytoken ("), message);
    }

    @Test
    void twoPluginsWithOneIdFailStartupNamingBoth(@TempDir Path plugins) {
        Path first = Layout.ONE_JAR.install(plugins);
        Path copy = PluginJars.jar(plugins.resolve("hello-copy.jar"), true, hello.adapterClasses(),
                hello.libraryClasses());

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> TestBridge.start(
                new BridgeConfig()
                        .upstream("greeter", upstream, "adapter", ID)
                        .set("BRIDGE_PLUGINS_DIR", plugins.toString())
                        .values()));

        assertTrue(error.getMessage().contains("'" + ID + "'") && error.getMessage().contains(first.toString())
                && error.getMessage().contains(copy.toString()), error.getMessage());
    }

    @Test
    void aPluginThatTakesABuiltInIdFailsStartupNamingBothPlaces(@TempDir Path plugins) {
        PluginJars.Compiled impostor = PluginJars.compile("joytoken", build.resolve("impostor"));
        Path jar = PluginJars.jar(plugins.resolve("impostor.jar"), true, impostor.adapterClasses(),
                impostor.libraryClasses());

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> TestBridge.start(
                Map.of("BRIDGE_PLUGINS_DIR", plugins.toString())));

        assertTrue(error.getMessage().contains("'joytoken'") && error.getMessage().contains("upstream-joytoken")
                && error.getMessage().contains(jar.toString()), error.getMessage());
    }

    @Test
    void aJarThatRegistersNoAdapterFailsStartupSayingWhatItNeeds(@TempDir Path plugins) {
        Path jar = PluginJars.jar(plugins.resolve("unregistered.jar"), false, hello.adapterClasses(),
                hello.libraryClasses());

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> TestBridge.start(
                Map.of("BRIDGE_PLUGINS_DIR", plugins.toString())));

        assertTrue(error.getMessage().contains(jar.toString())
                && error.getMessage().contains(PluginJars.SERVICES_FILE), error.getMessage());
    }

    @Test
    void aPluginMissingALibraryFailsStartupNamingThePluginAndTheClass(@TempDir Path plugins) {
        Path folder = plugins.resolve("hello");
        PluginJars.jar(folder.resolve("adapter.jar"), true, hello.adapterClasses());

        IllegalStateException error = assertThrows(IllegalStateException.class, () -> TestBridge.start(
                Map.of("BRIDGE_PLUGINS_DIR", plugins.toString())));

        assertTrue(error.getMessage().contains(folder.toString())
                && error.getMessage().contains("example/plugin/lib/Greeting"), error.getMessage());
    }

    @Test
    void filesThatAreNotJarsAndEmptyFoldersAreIgnored(@TempDir Path plugins) throws IOException {
        Files.writeString(plugins.resolve("README.txt"), "drop adapter jars here");
        Files.createDirectories(plugins.resolve("empty"));
        Layout.ONE_JAR.install(plugins);

        try (TestBridge bridge = TestBridge.start(Map.of("BRIDGE_PLUGINS_DIR", plugins.toString()))) {
            assertEquals(List.of("generic-openai", "hello-plugin", "joytoken"),
                    bridge.bridge().adapters().all().keySet().stream().sorted().toList());
        }
    }
}
