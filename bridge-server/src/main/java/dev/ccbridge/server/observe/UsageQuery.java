package dev.ccbridge.server.observe;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Which usage to summarise and how: the days (inclusive, UTC), optionally one key, and the grouping. The
 * {@code usage} command and {@code GET /v1/usage} take the same options under the same names.
 *
 * @param since the first day, or {@code null} for the earliest
 * @param until the last day, or {@code null} for the latest
 * @param key   a key fingerprint to keep only, or {@code null} for every key
 * @param by    the grouping, outermost first
 */
public record UsageQuery(LocalDate since, LocalDate until, String key, List<UsageDimension> by) {

    /** The grouping when none is asked for. */
    public static final List<UsageDimension> DEFAULT_BY = List.of(UsageDimension.DAY, UsageDimension.KEY,
            UsageDimension.MODEL);

    /**
     * @param since the first day, or {@code null}
     * @param until the last day, or {@code null}
     * @param key   a key fingerprint, or {@code null}
     * @param by    the grouping, at least one dimension
     */
    public UsageQuery {
        by = List.copyOf(by);
        if (by.isEmpty()) {
            throw new IllegalArgumentException("usage must be grouped by at least one of day, key, session, model, "
                    + "client-model, upstream");
        }
        if (since != null && until != null && until.isBefore(since)) {
            throw new IllegalArgumentException("until (" + until + ") is before since (" + since + ")");
        }
    }

    /**
     * @param since the first day as {@code YYYY-MM-DD}, or {@code null}
     * @param until the last day as {@code YYYY-MM-DD}, or {@code null}
     * @param key   a key fingerprint ({@code key-} and 12 hex digits), or {@code null}
     * @param by    dimensions joined by commas, e.g. {@code key,model}, or {@code null} for day, key, model
     * @return the query
     * @throws IllegalArgumentException naming the option that is wrong
     */
    public static UsageQuery parse(String since, String until, String key, String by) {
        List<UsageDimension> dimensions = new ArrayList<>();
        if (by == null || by.isBlank()) {
            dimensions.addAll(DEFAULT_BY);
        } else {
            LinkedHashSet<UsageDimension> distinct = new LinkedHashSet<>();
            for (String part : by.split(",")) {
                if (!part.isBlank()) {
                    distinct.add(UsageDimension.named(part));
                }
            }
            dimensions.addAll(distinct);
        }
        if (key != null && !key.isBlank() && !key.strip().matches("key-[0-9a-f]{12}")) {
            throw new IllegalArgumentException("key must be a key fingerprint such as key-3f2a9c1b07de (as the log "
                    + "and this report print it), never the key itself");
        }
        return new UsageQuery(day("since", since), day("until", until),
                key == null || key.isBlank() ? null : key.strip(), dimensions);
    }

    /**
     * @param day a day
     * @return whether it is within the query's days
     */
    public boolean covers(LocalDate day) {
        return (since == null || !day.isBefore(since)) && (until == null || !day.isAfter(until));
    }

    /**
     * @param record a usage record
     * @return whether the query keeps it
     */
    public boolean keeps(UsageRecord record) {
        return covers(record.day()) && (key == null || key.equals(record.keyFingerprint()));
    }

    /**
     * @param fingerprint the only key to keep
     * @return this query limited to that key
     */
    public UsageQuery onlyKey(String fingerprint) {
        return new UsageQuery(since, until, fingerprint, by);
    }

    private static LocalDate day(String option, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be a day such as 2026-01-31, got '" + value + "'");
        }
    }
}
