package dev.ccbridge.server.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A strict reader of Prometheus' text exposition format 0.0.4 as a scraper sees it: it fails on anything a
 * Prometheus server would reject or misread (a malformed name, label or value, a bad escape, a {@code TYPE} after
 * its family's samples or given twice, a family split in two, a series given twice, a histogram whose buckets are
 * not cumulative or do not end in {@code +Inf} equal to its {@code _count}), and answers questions about the values:
 * <pre>{@code
 * PrometheusText scrape = PrometheusText.parse(bridge.get("/observe/metrics").body());
 * scrape.sum("ccbridge_requests_total", "upstream", "primary", "status", "200")
 * }</pre>
 */
public final class PrometheusText {

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final Set<String> TYPES = Set.of("counter", "gauge", "histogram", "summary", "untyped");

    /**
     * One sample line.
     *
     * @param name   the sample's name, e.g. {@code ccbridge_request_duration_seconds_bucket}
     * @param labels its labels
     * @param value  its value
     */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final Map<String, String> types;
    private final List<Sample> samples;

    private PrometheusText(Map<String, String> types, List<Sample> samples) {
        this.types = types;
        this.samples = samples;
    }

    /**
     * @param text a scrape
     * @return the parsed scrape
     * @throws AssertionError naming the line when the text is not valid exposition format
     */
    public static PrometheusText parse(String text) {
        Map<String, String> types = new LinkedHashMap<>();
        Set<String> helped = new HashSet<>();
        Set<String> closedFamilies = new HashSet<>();
        Set<String> series = new HashSet<>();
        List<Sample> samples = new ArrayList<>();
        String currentFamily = null;
        int number = 0;
        for (String line : text.split("\n", -1)) {
            number++;
            String where = "line " + number + " '" + line + "': ";
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] parts = line.split(" ", 4);
                if (parts.length >= 3 && (parts[1].equals("HELP") || parts[1].equals("TYPE"))) {
                    String name = parts[2];
                    check(METRIC_NAME.matcher(name).matches(), where + "bad metric name");
                    if (parts[1].equals("TYPE")) {
                        check(parts.length == 4 && TYPES.contains(parts[3]), where + "unknown type");
                        check(types.putIfAbsent(name, parts[3]) == null, where + "second TYPE for " + name);
                        check(samples.stream().noneMatch(s -> familyOf(s.name(), types).equals(name)),
                                where + "TYPE after the family's samples");
                    } else {
                        check(helped.add(name), where + "second HELP for " + name);
                        checkHelpEscapes(parts.length == 4 ? parts[3] : "", where);
                    }
                }
                continue;
            }
            Sample sample;
            try {
                sample = sample(line, where);
            } catch (IndexOutOfBoundsException e) {
                throw new AssertionError("invalid Prometheus text: " + where + "cut short", e);
            }
            String family = familyOf(sample.name(), types);
            if (!family.equals(currentFamily)) {
                check(closedFamilies.add(family), where + "family " + family + " split in two");
                currentFamily = family;
            }
            check(series.add(sample.name() + new TreeMap<>(sample.labels())), where + "series given twice");
            samples.add(sample);
        }
        PrometheusText scrape = new PrometheusText(types, List.copyOf(samples));
        types.forEach((name, type) -> {
            if (type.equals("histogram")) {
                scrape.checkHistogram(name);
            }
        });
        return scrape;
    }

    /**
     * @param name a family name, e.g. {@code ccbridge_requests_total}
     * @return its declared type, or {@code null}
     */
    public String type(String name) {
        return types.get(name);
    }

    /**
     * @return every sample, in order
     */
    public List<Sample> samples() {
        return samples;
    }

    /**
     * @param name        a sample name
     * @param labelValues label names and values, alternating, that a sample must have (it may have more)
     * @return the sum of the matching samples' values, 0 when none matches
     */
    public double sum(String name, String... labelValues) {
        return matching(name, labelValues).stream().mapToDouble(Sample::value).sum();
    }

    /**
     * @param name        a sample name
     * @param labelValues label names and values, alternating, that a sample must have (it may have more)
     * @return the matching samples
     */
    public List<Sample> matching(String name, String... labelValues) {
        if (labelValues.length % 2 != 0) {
            throw new IllegalArgumentException("label names and values must alternate");
        }
        List<Sample> found = new ArrayList<>();
        for (Sample sample : samples) {
            if (!sample.name().equals(name)) {
                continue;
            }
            boolean all = true;
            for (int i = 0; i < labelValues.length && all; i += 2) {
                all = labelValues[i + 1].equals(sample.labels().get(labelValues[i]));
            }
            if (all) {
                found.add(sample);
            }
        }
        return found;
    }

    private void checkHistogram(String family) {
        Map<Map<String, String>, List<Sample>> buckets = new HashMap<>();
        for (Sample sample : samples) {
            if (sample.name().equals(family + "_bucket")) {
                Map<String, String> series = new TreeMap<>(sample.labels());
                check(series.remove("le") != null, family + ": a bucket without le: " + sample);
                buckets.computeIfAbsent(series, s -> new ArrayList<>()).add(sample);
            }
        }
        buckets.forEach((series, list) -> {
            double previousBound = Double.NEGATIVE_INFINITY;
            double previousCount = 0;
            for (Sample bucket : list) {
                double bound = number(bucket.labels().get("le"), family + ": le of " + bucket);
                check(bound > previousBound, family + ": buckets out of order at " + bucket);
                check(bucket.value() >= previousCount, family + ": buckets not cumulative at " + bucket);
                previousBound = bound;
                previousCount = bucket.value();
            }
            check(previousBound == Double.POSITIVE_INFINITY, family + ": no +Inf bucket for " + series);
            List<Sample> count = samples.stream().filter(s -> s.name().equals(family + "_count")
                    && new TreeMap<>(s.labels()).equals(series)).toList();
            check(count.size() == 1 && count.getFirst().value() == previousCount,
                    family + ": _count differs from the +Inf bucket for " + series);
        });
    }

    private static String familyOf(String sampleName, Map<String, String> types) {
        for (String suffix : List.of("_bucket", "_count", "_sum")) {
            if (sampleName.endsWith(suffix)) {
                String family = sampleName.substring(0, sampleName.length() - suffix.length());
                String type = types.get(family);
                if ("histogram".equals(type) || "summary".equals(type)) {
                    return family;
                }
            }
        }
        return sampleName;
    }

    private static Sample sample(String line, String where) {
        int at = 0;
        while (at < line.length() && line.charAt(at) != '{' && line.charAt(at) != ' ') {
            at++;
        }
        String name = line.substring(0, at);
        check(METRIC_NAME.matcher(name).matches(), where + "bad metric name");
        Map<String, String> labels = new LinkedHashMap<>();
        if (at < line.length() && line.charAt(at) == '{') {
            at++;
            while (line.charAt(at) != '}') {
                int equals = line.indexOf('=', at);
                check(equals > 0, where + "label without '='");
                String label = line.substring(at, equals);
                check(LABEL_NAME.matcher(label).matches(), where + "bad label name '" + label + "'");
                check(line.charAt(equals + 1) == '"', where + "unquoted label value");
                StringBuilder value = new StringBuilder();
                int i = equals + 2;
                while (line.charAt(i) != '"') {
                    char c = line.charAt(i);
                    if (c == '\\') {
                        char escaped = line.charAt(i + 1);
                        check(escaped == '\\' || escaped == '"' || escaped == 'n', where + "bad escape");
                        value.append(escaped == 'n' ? '\n' : escaped);
                        i += 2;
                    } else {
                        value.append(c);
                        i++;
                    }
                    check(i < line.length(), where + "unterminated label value");
                }
                check(labels.put(label, value.toString()) == null, where + "label given twice");
                at = i + 1;
                if (line.charAt(at) == ',') {
                    at++;
                }
            }
            at++;
        }
        check(at < line.length() && line.charAt(at) == ' ', where + "no space before the value");
        String[] rest = line.substring(at + 1).split(" ");
        check(rest.length == 1 || rest.length == 2, where + "expected a value and an optional timestamp");
        double value = number(rest[0], where + "value");
        check(rest.length == 1 || rest[1].matches("-?[0-9]+"), where + "bad timestamp");
        return new Sample(name, Map.copyOf(labels), value);
    }

    private static double number(String text, String what) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            case "NaN" -> Double.NaN;
            default -> {
                try {
                    yield Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new AssertionError(what + ": not a number: " + text, e);
                }
            }
        };
    }

    private static void checkHelpEscapes(String text, String where) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\\') {
                check(i + 1 < text.length() && (text.charAt(i + 1) == '\\' || text.charAt(i + 1) == 'n'),
                        where + "bad escape in HELP");
                i++;
            }
        }
    }

    private static void check(boolean condition, String problem) {
        if (!condition) {
            throw new AssertionError("invalid Prometheus text: " + problem);
        }
    }
}
