package dev.ccbridge.replay.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Records the replay corpus with the real Claude Code CLI: runs each scenario with record mode on and, when the run
 * meets its expectations, moves the recorded session into the corpus folder under the scenario's name (a scenario
 * whose run opened several sessions keeps them as {@code <name>}, {@code <name>-2}...).
 *
 * <p>{@code java -cp ... dev.ccbridge.replay.live.RecordCorpus [--out DIR] [SCENARIO...]}, run from the
 * replay-harness folder; by default every scenario is recorded into {@code src/test/resources/sessions}.
 */
public final class RecordCorpus {

    private RecordCorpus() {
    }

    /**
     * @param args {@code [--out DIR] [SCENARIO...]}
     */
    public static void main(String[] args) {
        Path module = Path.of("").toAbsolutePath();
        Path out = module.resolve("src/test/resources/sessions");
        List<String> names = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--out")) {
                out = Path.of(args[++i]);
            } else {
                names.add(args[i]);
            }
        }
        Path claude = ClaudeCodeCli.locate(module);
        LiveRun live = new LiveRun(claude);
        int failed = 0;
        for (Scenario scenario : ScenarioReader.all(module.resolve("src/main/resources/scenarios"))) {
            if (!names.isEmpty() && !names.contains(scenario.name())) {
                continue;
            }
            Path recording = temporary();
            LiveRun.Result result = live.run(scenario, recording);
            if (!result.passed()) {
                failed++;
                System.out.println("FAIL " + scenario.name() + ": " + String.join("; ", result.problems()));
                continue;
            }
            List<Path> sessions = keep(recording, out, scenario.name());
            System.out.println("ok   " + scenario.name() + ": " + sessions.size() + " session(s) -> " + sessions);
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    private static Path temporary() {
        try {
            return Files.createTempDirectory("ccbridge-recording");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> keep(Path recording, Path out, String name) {
        List<Path> kept = new ArrayList<>();
        try (Stream<Path> sessions = Files.list(recording)) {
            for (Path session : sessions.sorted().toList()) {
                Path target = out.resolve(kept.isEmpty() ? name : name + "-" + (kept.size() + 1));
                LiveRun.fresh(target);
                try (Stream<Path> files = Files.walk(session)) {
                    for (Path file : files.toList()) {
                        Path copy = target.resolve(session.relativize(file).toString());
                        if (Files.isDirectory(file)) {
                            Files.createDirectories(copy);
                        } else {
                            Files.copy(file, copy, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                kept.add(target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return kept;
    }
}
