package dev.ccbridge.replay.live;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pinned Claude Code CLI, installed from npm, runs every scenario end to end ({@code claude -p ...
 * --output-format json}) through the bridge against the scripted upstream; each run's final JSON result and the
 * files its tools made must match the scenario. Runs in the {@code live-claude-code} profile: bump
 * {@code scripts/claude-code.version} and run it to learn whether a new Claude Code release still works.
 */
class ClaudeCodeLiveIT {

    private static final Path MODULE = Path.of("").toAbsolutePath();

    @TestFactory
    Stream<DynamicTest> everyScenarioRunsWithTheRealClaudeCode() {
        Path claude = ClaudeCodeCli.locate(MODULE);
        LiveRun live = new LiveRun(claude);
        List<Scenario> scenarios = ScenarioReader.all(MODULE.resolve("src/main/resources/scenarios"));
        assertTrue(scenarios.size() >= 3, "at least three scenarios");
        return scenarios.stream().map(scenario -> DynamicTest.dynamicTest(scenario.name(), () -> {
            LiveRun.Result result = live.run(scenario, null);
            assertTrue(result.passed(), scenario.name() + ": " + String.join("; ", result.problems())
                    + "\n--- claude printed ---\n" + result.output());
        }));
    }
}
