package dev.ccbridge.replay.live;

import dev.ccbridge.server.demo.Demo;
import dev.ccbridge.server.doctor.ClaudeCode;
import dev.ccbridge.server.doctor.Doctor;
import dev.ccbridge.server.doctor.Report;
import dev.ccbridge.server.scripted.ScriptedUpstream;
import dev.ccbridge.server.testing.RunningBridge;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first minute of a newcomer, with the real Claude Code CLI: {@code --demo} starts the bridge with its built-in
 * script, the environment its startup summary prints passes {@code doctor}, and {@code claude -p} in a fresh home
 * sees a tool call go through (the demo lists the folder with Bash and quotes what came back). Runs in the
 * {@code live-claude-code} profile.
 */
class DemoLiveIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();
    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path home;
    @TempDir
    Path work;

    @Test
    void claudeCodeRunsAToolThroughTheDemo() throws Exception {
        Path claude = ClaudeCodeCli.locate(MODULE);
        Files.writeString(work.resolve("README.md"), "demo\n");
        Files.writeString(work.resolve("hello.py"), "print('hello')\n");
        try (ScriptedUpstream upstream = Demo.startUpstream();
             RunningBridge bridge = RunningBridge.start(Demo.config(Map.of("PORT", "0",
                     "BRIDGE_PLUGINS_DIR", "target/no-plugins"), upstream.baseUrl()))) {
            assertTrue(bridge.summary().contains("export ANTHROPIC_AUTH_TOKEN=ccbridge-demo"), bridge.summary());
            Map<String, String> env = new LinkedHashMap<>();
            env.put(ClaudeCode.BASE_URL, bridge.baseUrl());
            env.put(ClaudeCode.AUTH_TOKEN, "ccbridge-demo");
            env.put(ClaudeCode.API_KEY, "");
            env.put(ClaudeCode.ATTRIBUTION_HEADER, "0");

            Report report = Doctor.examine(new Doctor.Inputs(home, work, env, RunningBridge.config(Map.of()), null,
                    Duration.ofSeconds(5)));
            assertEquals(0, report.exitCode(), printed(report));

            String output = runClaude(claude, env);
            JsonObject result = result(output);
            assertNotNull(result, "Claude Code printed no JSON result:\n" + output);
            assertFalse(result.getBoolean("is_error", true), output);
            String text = result.getString("result", "");
            assertTrue(text.contains("README.md") && text.contains("hello.py"), text);
            assertTrue(result.getInt("num_turns", 0) >= 2, output);
            assertTrue(upstream.requests().size() >= 2, "a tool call and its result: " + upstream.requests().size());
        }
    }

    private String runClaude(Path claude, Map<String, String> settings) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(claude.toString(), "-p", "what is in this folder?",
                "--output-format", "json")).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("HOME", home.toString());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.putAll(settings);
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] out = process.getInputStream().readAllBytes();
        if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return "timed out after " + TIMEOUT;
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** Claude Code prints its JSON result on its last line that is a JSON object of type result. */
    private static JsonObject result(String output) {
        List<String> lines = output.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (line.startsWith("{")) {
                try (JsonReader reader = Json.createReader(new StringReader(line))) {
                    JsonObject object = reader.readObject();
                    if ("result".equals(object.getString("type", ""))) {
                        return object;
                    }
                } catch (RuntimeException e) {
                    // not the result line
                }
            }
        }
        return null;
    }

    private static String printed(Report report) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        report.print(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }
}
