package dev.ccbridge.replay.live;

import dev.ccbridge.server.scripted.Script;
import dev.ccbridge.server.scripted.ScriptReader;
import dev.ccbridge.server.scripted.ScriptedUpstream;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs one scenario with the real Claude Code CLI: the scripted upstream plays the model, an in-process bridge
 * translates, {@code claude -p} runs headless in a fresh home and working directory, and the final JSON result and
 * the working directory are checked against the scenario's expectations.
 *
 * <p>The working directory and home live at fixed paths ({@code /tmp/ccbridge-live/<scenario>}), so recordings of
 * the same scenario differ only where Claude Code's behaviour does.
 */
public final class LiveRun {

    private static final Duration TIMEOUT = Duration.ofMinutes(4);
    private static final Path ROOT = Path.of(System.getProperty("java.io.tmpdir"), "ccbridge-live");

    /**
     * The outcome of one run.
     *
     * @param scenario the scenario
     * @param problems what did not match the expectations; empty when the run passed
     * @param result   Claude Code's JSON result, or {@code null} when it printed none
     * @param output   what Claude Code printed
     * @param workDir  the working directory it ran in
     */
    public record Result(Scenario scenario, List<String> problems, JsonObject result, String output, Path workDir) {
        /**
         * @return whether the run met every expectation
         */
        public boolean passed() {
            return problems.isEmpty();
        }
    }

    private final Path claude;

    /**
     * @param claude the {@code claude} executable
     */
    public LiveRun(Path claude) {
        this.claude = claude;
    }

    /**
     * @param scenario  the scenario
     * @param recordDir where the bridge records the session, or {@code null} not to record
     * @return the outcome
     */
    public Result run(Scenario scenario, Path recordDir) {
        Path home = ROOT.resolve(scenario.name()).resolve("home");
        Path work = ROOT.resolve(scenario.name()).resolve("work");
        fresh(home);
        fresh(work);
        writeFiles(scenario, work);
        Script script = ScriptReader.read(scenario.dir().resolve("script.json"));
        try (ScriptedUpstream upstream = ScriptedUpstream.start(script, 0);
             InProcessBridge bridge = new InProcessBridge(bridgeSettings(upstream, recordDir))) {
            String output = runClaude(scenario, bridge.baseUrl(), home, work);
            return check(scenario, output, work);
        }
    }

    private static Map<String, String> bridgeSettings(ScriptedUpstream upstream, Path recordDir) {
        Map<String, String> settings = new HashMap<>();
        settings.put("UPSTREAM_BASE_URL", upstream.baseUrl());
        settings.put("UPSTREAM_API_KEY", "scripted-upstream-key");
        if (recordDir != null) {
            settings.put("BRIDGE_RECORD_DIR", recordDir.toString());
        }
        return settings;
    }

    private String runClaude(Scenario scenario, String baseUrl, Path home, Path work) {
        List<String> command = new ArrayList<>(List.of(claude.toString(), "-p", scenario.prompt(),
                "--output-format", "json"));
        command.addAll(scenario.args());
        if (scenario.mcpServer() != null) {
            Path script = scenario.dir().resolve(scenario.mcpServer().script()).toAbsolutePath();
            command.add("--mcp-config");
            command.add(Json.createObjectBuilder().add("mcpServers", Json.createObjectBuilder()
                    .add(scenario.mcpServer().name(), Json.createObjectBuilder()
                            .add("command", "node").add("args", Json.createArrayBuilder().add(script.toString()))))
                    .build().toString());
        }
        ProcessBuilder builder = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("HOME", home.toString());
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("ANTHROPIC_BASE_URL", baseUrl);
        env.put("ANTHROPIC_AUTH_TOKEN", "live-caller-token");
        env.put("CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC", "1");
        env.put("DISABLE_TELEMETRY", "1");
        env.put("DISABLE_AUTOUPDATER", "1");
        env.put("DISABLE_ERROR_REPORTING", "1");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "timed out after " + TIMEOUT;
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + claude, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Result check(Scenario scenario, String output, Path work) {
        List<String> problems = new ArrayList<>();
        JsonObject result = parseResult(output);
        if (result == null) {
            problems.add("Claude Code printed no JSON result: " + output.strip());
            return new Result(scenario, problems, null, output, work);
        }
        Scenario.Expectation expect = scenario.expect();
        boolean isError = result.getBoolean("is_error", true);
        if (isError != expect.isError()) {
            problems.add("is_error was " + isError + ": " + result.getString("result", ""));
        }
        String text = result.getString("result", "");
        for (String wanted : expect.result()) {
            if (!text.contains(wanted)) {
                problems.add("the result does not contain '" + wanted + "': " + text);
            }
        }
        int turns = result.getInt("num_turns", 0);
        if (turns < expect.minTurns()) {
            problems.add("only " + turns + " turns, expected at least " + expect.minTurns());
        }
        expect.files().forEach((name, content) -> {
            Path file = work.resolve(name);
            try {
                if (!Files.isRegularFile(file)) {
                    problems.add(name + " was not created");
                } else if (!Files.readString(file).contains(content)) {
                    problems.add(name + " does not contain '" + content + "'");
                }
            } catch (IOException e) {
                problems.add("cannot read " + name + ": " + e.getMessage());
            }
        });
        for (String name : expect.absentFiles()) {
            if (Files.exists(work.resolve(name))) {
                problems.add(name + " exists but must not");
            }
        }
        return new Result(scenario, List.copyOf(problems), result, output, work);
    }

    /** Claude Code prints its JSON result on one line, last; anything before it is diagnostics. */
    private static JsonObject parseResult(String output) {
        List<String> lines = output.lines().toList();
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i).strip();
            if (!line.startsWith("{")) {
                continue;
            }
            try (JsonReader reader = Json.createReader(new StringReader(line))) {
                JsonObject object = reader.readObject();
                if ("result".equals(object.getString("type", ""))) {
                    return object;
                }
            } catch (JsonException e) {
                // not the result line
            }
        }
        return null;
    }

    private static void writeFiles(Scenario scenario, Path work) {
        try {
            for (Map.Entry<String, String> file : scenario.files().entrySet()) {
                Files.writeString(work.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
            for (Map.Entry<String, String> file : scenario.binaryFiles().entrySet()) {
                Files.write(work.resolve(file.getKey()), Base64.getDecoder().decode(file.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void fresh(Path dir) {
        try {
            if (Files.exists(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
