package dev.ccbridge.benchmarks;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The regression guard: a short run of the hot-path benchmarks that fails when one gets several times slower than
 * recorded. Absolute times mean little on a shared machine, so each hot path is measured against a reference
 * measured in the same run, {@code jsonFloor} (JSON-P reading and writing the same request, nothing else), and the
 * ratio of their fastest iterations is compared with the baseline ratio in {@code hot-path-baseline.properties}.
 */
class HotPathRegressionTest {

    /** How much slower than its baseline ratio a hot path may get before the build fails. */
    private static final double TOLERANCE = 3.0;

    @Test
    void noHotPathIsSeveralTimesSlowerThanItsBaseline() throws RunnerException {
        Options options = new OptionsBuilder()
                .include(RequestPathBenchmark.class.getSimpleName())
                .include(StreamPathBenchmark.class.getSimpleName())
                .param("input", Inputs.CLAUDE_CODE_REQUEST)
                .forks(0)
                .warmupIterations(3)
                .warmupTime(TimeValue.milliseconds(400))
                .measurementIterations(4)
                .measurementTime(TimeValue.milliseconds(400))
                .build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult result : results) {
            String name = result.getParams().getBenchmark();
            // The fastest iteration: noise on a shared machine only ever adds time.
            scores.put(name.substring(name.lastIndexOf('.') + 1), result.getPrimaryResult().getStatistics().getMin());
        }
        double floor = scores.get("jsonFloor");
        Properties baseline = baseline();
        StringBuilder report = new StringBuilder();
        boolean ok = true;
        for (String path : baseline.stringPropertyNames()) {
            double ratio = scores.get(path) / floor;
            double allowed = Double.parseDouble(baseline.getProperty(path)) * TOLERANCE;
            report.append(String.format("%-22s %9.2f us  ratio %6.3f  allowed %6.3f%n", path, scores.get(path), ratio,
                    allowed));
            ok &= ratio <= allowed;
        }
        System.out.print(report);
        assertTrue(ok, "a hot path is more than " + TOLERANCE + "x slower than its baseline:\n" + report);
    }

    private static Properties baseline() {
        Properties properties = new Properties();
        try (InputStream in = HotPathRegressionTest.class.getResourceAsStream("/hot-path-baseline.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
