package dev.ccbridge.server.doctor;

import dev.ccbridge.server.Secrets;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code doctor} found, section by section, and the settings it recommends. The exit code is 1 when any
 * finding is an {@link Severity#ERROR}, else 0: warnings and notes are printed but do not fail.
 */
public final class Report {

    private static final String INDENT = "  ";
    private static final int LABEL_WIDTH = 6;

    private final Map<String, List<Finding>> sections = new LinkedHashMap<>();
    private final Secrets secrets;
    private String recommended = "";

    /**
     * @param secrets every key to mask in the printed report
     */
    Report(Secrets secrets) {
        this.secrets = secrets;
    }

    void add(String section, Finding finding) {
        sections.computeIfAbsent(section, name -> new ArrayList<>()).add(finding);
    }

    void recommend(String text) {
        this.recommended = text;
    }

    /**
     * @return every finding, in the order found
     */
    public List<Finding> findings() {
        return sections.values().stream().flatMap(List::stream).toList();
    }

    /**
     * @param code a check's code
     * @return the first finding of that check
     */
    public Optional<Finding> find(String code) {
        return findings().stream().filter(f -> f.code().equals(code)).findFirst();
    }

    /**
     * @param severity a severity
     * @return how many findings have it
     */
    public long count(Severity severity) {
        return findings().stream().filter(f -> f.severity() == severity).count();
    }

    /**
     * @return 1 when something must be fixed, else 0
     */
    public int exitCode() {
        return count(Severity.ERROR) > 0 ? 1 : 0;
    }

    /**
     * @return the settings {@code doctor} recommends, as printed
     */
    public String recommended() {
        return recommended;
    }

    /**
     * Prints the report, keys masked.
     *
     * @param out where to
     */
    public void print(PrintStream out) {
        StringBuilder text = new StringBuilder();
        sections.forEach((section, findings) -> {
            text.append(section).append('\n');
            for (Finding finding : findings) {
                text.append(INDENT).append(pad(finding.severity().label())).append(finding.text());
                if (finding.severity() != Severity.OK) {
                    text.append(" [").append(finding.code()).append(']');
                }
                text.append('\n');
                if (finding.fix() != null) {
                    text.append(INDENT).append(pad("")).append("fix: ").append(finding.fix()).append('\n');
                }
            }
            text.append('\n');
        });
        if (!recommended.isEmpty()) {
            text.append(recommended).append('\n');
        }
        long errors = count(Severity.ERROR);
        long warnings = count(Severity.WARNING);
        text.append(errors == 0 && warnings == 0 ? "All good: Claude Code should work through the bridge.\n"
                : errors == 0 ? "No errors, " + plural(warnings, "warning") + ": Claude Code should work through "
                        + "the bridge.\n"
                : plural(errors, "error") + ", " + plural(warnings, "warning")
                        + ": fix the errors, then run doctor again.\n");
        out.print(secrets.mask(text.toString()));
        out.flush();
    }

    private static String pad(String label) {
        return label + " ".repeat(Math.max(1, LABEL_WIDTH - label.length() + 1));
    }

    private static String plural(long count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
