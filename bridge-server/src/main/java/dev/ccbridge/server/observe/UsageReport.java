package dev.ccbridge.server.observe;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Usage records added up per group of the query's dimensions: requests, errors, tokens (uncached input, output,
 * cache reads, cache writes), credits and cost. Costs are summed per currency and never converted; credits are
 * {@code null} in a group where no upstream reported any, so "none reported" never reads as "free".
 */
public final class UsageReport {

    private static final Comparator<List<String>> BY_VALUES = (a, b) -> {
        for (int i = 0; i < a.size(); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    };
    private static final List<String> METRICS = List.of("requests", "errors", "input", "output", "cache_read",
            "cache_write", "credits", "cost");
    private static final String UNSPECIFIED_CURRENCY = "unspecified";

    private final UsageQuery query;
    private final Map<List<String>, Sum> groups = new TreeMap<>(BY_VALUES);
    private final Sum total = new Sum();

    /**
     * @param query what to keep and how to group it
     */
    public UsageReport(UsageQuery query) {
        this.query = query;
    }

    /**
     * @param record a usage record; ignored when the query does not keep it
     */
    public void add(UsageRecord record) {
        if (!query.keeps(record)) {
            return;
        }
        List<String> values = new ArrayList<>(query.by().size());
        for (UsageDimension dimension : query.by()) {
            values.add(dimension.of(record));
        }
        groups.computeIfAbsent(List.copyOf(values), v -> new Sum()).add(record);
        total.add(record);
    }

    /** @return the number of requests counted */
    public long requests() {
        return total.requests;
    }

    /**
     * @return the report as JSON: the query ({@code since}, {@code until}, {@code key}, {@code by}), one row per
     *         group and the total
     */
    public JsonObject toJson() {
        JsonObjectBuilder json = JsonFactories.BUILDERS.createObjectBuilder();
        JsonLines.put(json, "since", query.since() == null ? null : query.since().toString());
        JsonLines.put(json, "until", query.until() == null ? null : query.until().toString());
        JsonLines.put(json, "key", query.key());
        JsonArrayBuilder by = JsonFactories.BUILDERS.createArrayBuilder();
        query.by().forEach(d -> by.add(d.label()));
        JsonArrayBuilder rows = JsonFactories.BUILDERS.createArrayBuilder();
        groups.forEach((values, sum) -> {
            JsonObjectBuilder row = JsonFactories.BUILDERS.createObjectBuilder();
            for (int i = 0; i < values.size(); i++) {
                row.add(query.by().get(i).label(), values.get(i));
            }
            sum.addTo(row);
            rows.add(row);
        });
        JsonObjectBuilder totals = JsonFactories.BUILDERS.createObjectBuilder();
        total.addTo(totals);
        return json.add("by", by).add("rows", rows).add("total", totals).build();
    }

    /** @return the report as a text table, one row per group and a total row, numbers right-aligned */
    public String table() {
        List<String> header = new ArrayList<>();
        query.by().forEach(d -> header.add(d.label()));
        header.addAll(METRICS);
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        groups.forEach((values, sum) -> {
            List<String> line = new ArrayList<>(values);
            line.addAll(sum.cells());
            lines.add(line);
        });
        List<String> totalLine = new ArrayList<>();
        totalLine.add("total");
        for (int i = 1; i < query.by().size(); i++) {
            totalLine.add("");
        }
        totalLine.addAll(total.cells());
        lines.add(totalLine);
        int[] widths = new int[header.size()];
        for (List<String> line : lines) {
            for (int i = 0; i < line.size(); i++) {
                widths[i] = Math.max(widths[i], line.get(i).length());
            }
        }
        int firstMetric = header.size() - METRICS.size();
        StringBuilder text = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder row = new StringBuilder();
            for (int i = 0; i < line.size(); i++) {
                if (i > 0) {
                    row.append("  ");
                }
                String cell = line.get(i);
                String pad = " ".repeat(widths[i] - cell.length());
                row.append(i >= firstMetric ? pad + cell : cell + pad);
            }
            text.append(row.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    /** The running totals of one group. */
    private static final class Sum {
        private long requests;
        private long errors;
        private long input;
        private long output;
        private long cacheRead;
        private long cacheWrite;
        private BigDecimal credits;
        private final Map<String, BigDecimal> costs = new TreeMap<>();

        void add(UsageRecord r) {
            requests++;
            if (r.failed()) {
                errors++;
            }
            input += r.inputTokens();
            output += r.outputTokens();
            cacheRead += r.cacheReadTokens();
            cacheWrite += r.cacheWriteTokens();
            if (r.credits() != null) {
                credits = credits == null ? r.credits() : credits.add(r.credits());
            }
            if (r.cost() != null) {
                costs.merge(r.currency() == null ? UNSPECIFIED_CURRENCY : r.currency(), r.cost(), BigDecimal::add);
            }
        }

        void addTo(JsonObjectBuilder row) {
            row.add("requests", requests).add("errors", errors).add("input_tokens", input)
                    .add("output_tokens", output).add("cache_read_tokens", cacheRead)
                    .add("cache_write_tokens", cacheWrite);
            if (credits == null) {
                row.addNull("credits");
            } else {
                row.add("credits", credits);
            }
            JsonObjectBuilder cost = JsonFactories.BUILDERS.createObjectBuilder();
            costs.forEach(cost::add);
            row.add("cost", cost);
        }

        List<String> cells() {
            List<String> cost = new ArrayList<>();
            costs.forEach((currency, amount) -> cost.add(plain(amount)
                    + (currency.equals(UNSPECIFIED_CURRENCY) ? "" : " " + currency)));
            return List.of(String.valueOf(requests), String.valueOf(errors), String.valueOf(input),
                    String.valueOf(output), String.valueOf(cacheRead), String.valueOf(cacheWrite),
                    credits == null ? "-" : plain(credits), cost.isEmpty() ? "-" : String.join(" + ", cost));
        }
    }
}
