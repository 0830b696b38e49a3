package dev.ccbridge.distribution;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The distribution as a user gets it: {@code bin/ccbridge} from the unpacked folder, started the way the README
 * says, with a fresh home folder and nothing from this build's environment.
 */
class DistributionIT {

    static final Path DISTRIBUTION = Path.of("target/ccbridge");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final List<Process> started = new ArrayList<>();
    private HttpServer upstream;

    @TempDir
    Path home;

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : started) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
        if (upstream != null) {
            upstream.stop(0);
        }
    }

    @Test
    void theLayoutIsWhatTheReadmeAndTheDockerfileExpect() {
        for (String file : List.of("bin/ccbridge", "lib/bridge-server.jar", "conf/ccbridge.example.yaml",
                "plugins/README.md", "README.md", "LICENSE")) {
            assertTrue(Files.isRegularFile(DISTRIBUTION.resolve(file)), file + " is missing");
        }
        assertTrue(Files.isExecutable(DISTRIBUTION.resolve("bin/ccbridge")));
        assertTrue(Files.isRegularFile(DISTRIBUTION.resolve("lib/libs/upstream-joytoken-"
                + System.getProperty("project.version") + ".jar")), "the adapters ship in lib/libs");
    }

    @Test
    void theLauncherPrintsTheVersionAndTheHelp() throws Exception {
        assertEquals("ccbridge " + System.getProperty("project.version"), run("--version").strip());
        String help = run("--help");
        for (String command : List.of("--demo", "--config", "doctor", "usage", "--port")) {
            assertTrue(help.contains(command), "--help does not mention " + command + ":\n" + help);
        }
    }

    @Test
    void theDemoAnswersAClaudeCodeStreamWithAToolCallAndAllHealthProbesPass() throws Exception {
        int port = freePort();
        Process bridge = start(Map.of(), "--demo", "--port", Integer.toString(port));
        String base = "http://127.0.0.1:" + port;
        awaitHealth(base, bridge);

        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/messages?beta=true"))
                .header("content-type", "application/json")
                .header("authorization", "Bearer ccbridge-demo")
                .header("anthropic-version", "2023-06-01")
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"model":"claude-opus-4-5","max_tokens":32000,"stream":true,
                         "system":[{"type":"text","text":"You are Claude Code."}],
                         "tools":[{"name":"Bash","description":"Run a command","input_schema":{"type":"object",
                           "properties":{"command":{"type":"string"}},"required":["command"]}}],
                         "messages":[{"role":"user","content":"what is in this folder?"}]}"""))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, answer.statusCode(), answer.body());
        assertTrue(answer.body().contains("event: message_start"), answer.body());
        assertTrue(answer.body().contains("\"type\":\"tool_use\""), answer.body());
        assertTrue(answer.body().contains("\"name\":\"Bash\""), answer.body());
        assertTrue(answer.body().contains("event: message_stop"), answer.body());
        for (String probe : DeploymentFiles.kubernetesProbePaths()) {
            HttpResponse<String> health = get(base + probe);
            assertEquals(200, health.statusCode(), probe + ": " + health.body());
        }
    }

    @Test
    void theExampleConfigurationStartsWithItsUpstreamsRoutesAndEnvironmentVariables() throws Exception {
        upstream = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        upstream.createContext("/", exchange -> {
            byte[] models = "{\"object\":\"list\",\"data\":[{\"id\":\"deepseek-chat\",\"object\":\"model\"}]}"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("content-type", "application/json");
            exchange.sendResponseHeaders(200, models.length);
            exchange.getResponseBody().write(models);
            exchange.close();
        });
        upstream.start();
        String local = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/v1";
        int port = freePort();
        String joyKey = "jt-fake-joy-key-1234567890";
        String deepSeekKey = "fake-deepseek-key-0987654321";
        // The example as shipped, its upstreams pointed at the local stub: no test leaves this machine.
        String example = Files.readString(DISTRIBUTION.resolve("conf/ccbridge.example.yaml"));
        Path config = Files.writeString(home.resolve("ccbridge.yaml"),
                example.replace("settings: {", "settings: {base-url: \"" + local + "\", "));
        Process bridge = start(Map.of(
                        "JOY_TOKEN_API_KEY", joyKey,
                        "DEEPSEEK_API_KEY", deepSeekKey,
                        "GATEWAY_API_KEY", "fake-gateway-key-for-the-test"),
                "--config", config.toString(), "--port", Integer.toString(port));
        awaitHealth("http://127.0.0.1:" + port, bridge);
        String summary = awaitOutput(bridge, "ANTHROPIC_BASE_URL");

        assertTrue(summary.contains("upstream joytoken: joytoken -> " + local), summary);
        assertTrue(summary.contains("upstream deepseek: generic-openai -> " + local), summary);
        assertTrue(summary.contains("reachable in"), summary);
        assertTrue(summary.contains("model route: claude-*haiku* -> deepseek (deepseek-chat), then joytoken "
                + "(openai/gpt-4o-mini)"), summary);
        assertTrue(summary.contains("model route: claude-* -> joytoken, then deepseek"), summary);
        assertTrue(summary.contains("caller key: required"), summary);
        assertTrue(summary.contains("****7890") && summary.contains("****4321"), "keys are shown masked:\n"
                + summary);
        assertFalse(summary.contains(joyKey) || summary.contains(deepSeekKey), "a key was printed:\n" + summary);
    }

    private String run(String... args) throws Exception {
        Process process = command(Map.of(), args).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the launcher did not finish");
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    private Process start(Map<String, String> env, String... args) throws IOException {
        Process process = command(env, args).redirectOutput(home.resolve("bridge.log").toFile()).start();
        started.add(process);
        return process;
    }

    /** The launcher with a fresh home and only what a user's shell would have: no settings of this build. */
    private ProcessBuilder command(Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(DISTRIBUTION.resolve("bin/ccbridge").toAbsolutePath().toString());
        command.addAll(List.of(args));
        Path work = Files.createDirectories(home.resolve("work"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("BRIDGE_") || name.startsWith("JOY_TOKEN_")
                || name.startsWith("UPSTREAM_") || name.startsWith("ANTHROPIC_") || name.startsWith("MAVEN_"));
        environment.put("HOME", home.toString());
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        environment.put("CCBRIDGE_AOT", "off");
        environment.putAll(env);
        return builder;
    }

    private String awaitOutput(Process bridge, String marker) throws Exception {
        Path log = home.resolve("bridge.log");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            String text = Files.readString(log);
            if (text.contains(marker)) {
                return text;
            }
            assertTrue(bridge.isAlive(), "the bridge stopped:\n" + text);
            Thread.sleep(100);
        }
        throw new AssertionError("no '" + marker + "' in the bridge's output:\n" + Files.readString(log));
    }

    private void awaitHealth(String base, Process bridge) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            assertTrue(bridge.isAlive(), "the bridge stopped:\n" + Files.readString(home.resolve("bridge.log")));
            try {
                if (get(base + "/health").statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the bridge did not answer /health:\n" + Files.readString(home.resolve("bridge.log")));
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
