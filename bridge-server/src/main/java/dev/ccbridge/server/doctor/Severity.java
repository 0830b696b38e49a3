package dev.ccbridge.server.doctor;

/** How much a finding matters; only {@link #ERROR} makes {@code doctor} exit with 1. */
public enum Severity {
    /** The check passed. */
    OK("ok"),
    /** Optional: a setting that helps, or a check that could not be made. */
    NOTE("note"),
    /** Works, but costs something (a prompt, a retry, an unused cache, a compaction that never comes). */
    WARNING("WARN"),
    /** Claude Code will not work through the bridge until this is fixed. */
    ERROR("ERROR");

    private final String label;

    Severity(String label) {
        this.label = label;
    }

    /**
     * @return the label printed before the finding
     */
    public String label() {
        return label;
    }
}
