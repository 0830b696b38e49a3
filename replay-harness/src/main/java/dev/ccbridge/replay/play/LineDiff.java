package dev.ccbridge.replay.play;

import java.util.ArrayList;
import java.util.List;

/**
 * A readable line diff (longest common subsequence) of two texts, with a few lines of context around each change:
 * {@code -} recorded, {@code +} replayed.
 */
public final class LineDiff {

    private static final int CONTEXT = 3;
    private static final int MAX_LINES = 4000;
    private static final int MAX_OUTPUT = 120;

    private LineDiff() {
    }

    /**
     * @param expected the recorded text
     * @param actual   the replayed text
     * @return the diff, empty when they are equal
     */
    public static String of(String expected, String actual) {
        if (expected.equals(actual)) {
            return "";
        }
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        if (a.length > MAX_LINES || b.length > MAX_LINES) {
            return "(too long to diff: " + a.length + " vs " + b.length + " lines; first difference at line "
                    + firstDifference(a, b) + ")";
        }
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> lines = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            if (i < a.length && j < b.length && a[i].equals(b[j])) {
                lines.add("  " + a[i]);
                i++;
                j++;
            } else if (i < a.length && (j == b.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
                lines.add("- " + a[i++]);
            } else {
                lines.add("+ " + b[j++]);
            }
        }
        return withContext(lines);
    }

    private static String withContext(List<String> lines) {
        boolean[] keep = new boolean[lines.size()];
        for (int k = 0; k < lines.size(); k++) {
            if (!lines.get(k).startsWith("  ")) {
                for (int c = Math.max(0, k - CONTEXT); c <= Math.min(lines.size() - 1, k + CONTEXT); c++) {
                    keep[c] = true;
                }
            }
        }
        StringBuilder out = new StringBuilder();
        int shown = 0;
        boolean gap = false;
        int k = 0;
        for (; k < lines.size() && shown < MAX_OUTPUT; k++) {
            if (keep[k]) {
                if (gap) {
                    out.append("  ...\n");
                }
                out.append(lines.get(k)).append('\n');
                shown++;
                gap = false;
            } else {
                gap = true;
            }
        }
        long unshown = lines.subList(k, lines.size()).stream().filter(line -> !line.startsWith("  ")).count();
        if (unshown > 0) {
            out.append("  ... (").append(unshown).append(" more lines differ)\n");
        }
        return out.toString();
    }

    private static int firstDifference(String[] a, String[] b) {
        int k = 0;
        while (k < a.length && k < b.length && a[k].equals(b[k])) {
            k++;
        }
        return k + 1;
    }
}
