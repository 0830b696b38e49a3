package dev.ccbridge.server.observe;

import java.util.Locale;
import java.util.function.Function;

/** What usage can be grouped by, as {@code --by} and {@code ?by=} name it. */
public enum UsageDimension {
    /** The UTC day the request arrived. */
    DAY("day", r -> r.day().toString()),
    /** The caller key's fingerprint. */
    KEY("key", UsageRecord::keyFingerprint),
    /** Claude Code's session id. */
    SESSION("session", UsageRecord::sessionId),
    /** The model that actually answered. */
    MODEL("model", UsageRecord::usedModel),
    /** The model the client asked for. */
    CLIENT_MODEL("client-model", UsageRecord::clientModel),
    /** The upstream that answered. */
    UPSTREAM("upstream", UsageRecord::upstream);

    private final String label;
    private final Function<UsageRecord, String> value;

    UsageDimension(String label, Function<UsageRecord, String> value) {
        this.label = label;
        this.value = value;
    }

    /** @return the name {@code --by} takes and reports print */
    public String label() {
        return label;
    }

    /**
     * @param record a usage record
     * @return its value in this dimension, {@code -} when unknown
     */
    public String of(UsageRecord record) {
        String v = value.apply(record);
        return v == null ? "-" : v;
    }

    /**
     * @param label a name such as {@code key}
     * @return the dimension
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static UsageDimension named(String label) {
        String wanted = label.strip().toLowerCase(Locale.ROOT);
        for (UsageDimension dimension : values()) {
            if (dimension.label.equals(wanted)) {
                return dimension;
            }
        }
        throw new IllegalArgumentException("cannot group usage by '" + label
                + "': use day, key, session, model, client-model or upstream, or several joined by commas");
    }
}
