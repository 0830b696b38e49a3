package dev.ccbridge.server.observe;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the values of one metric label to a bounded set. Model names come from the client, and every new value of
 * a label is a new time series held in memory for as long as the process runs and stored by every Prometheus that
 * scrapes it; Claude Code uses a handful of models, but a misbehaving client could send a new name with every
 * request. The first {@code limit} values are kept as they are, later ones become {@value #OTHER}.
 */
final class BoundedLabelValues {

    /** The value of every value past the limit. */
    static final String OTHER = "other";
    /** The value for a missing one (e.g. no model, because the request could not be read). */
    static final String NONE = "none";

    private final int limit;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    /**
     * @param limit how many distinct values to keep
     */
    BoundedLabelValues(int limit) {
        this.limit = limit;
    }

    /**
     * Two threads may both take the last free place, so the set can exceed the limit by the number of threads
     * racing for it; it stays bounded, which is what matters.
     *
     * @param value a value, or {@code null}
     * @return the value itself while there is room for it, else {@value #OTHER}; {@value #NONE} for {@code null}
     */
    String of(String value) {
        if (value == null) {
            return NONE;
        }
        if (known.contains(value)) {
            return value;
        }
        if (known.size() >= limit) {
            return OTHER;
        }
        known.add(value);
        return value;
    }
}
