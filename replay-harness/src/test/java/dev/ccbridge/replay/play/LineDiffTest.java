package dev.ccbridge.replay.play;

import org.junit.jupiter.api.Test;

import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diff a failed replay shows: recorded lines with {@code -}, replayed lines with {@code +}, a little context. */
class LineDiffTest {

    @Test
    void equalTextsHaveNoDiff() {
        assertEquals("", LineDiff.of("a\nb", "a\nb"));
    }

    @Test
    void aChangedLineShowsTheRecordedLineThenTheReplayedOneInItsContextAfterAGapMarker() {
        String diff = LineDiff.of(lines(1, 10), lines(1, 10).replace("line 5", "line five"));

        assertEquals("""
                  ...
                  line 2
                  line 3
                  line 4
                - line 5
                + line five
                  line 6
                  line 7
                  line 8
                """, diff);
    }

    @Test
    void insertedAndRemovedLinesAreMarked() {
        assertEquals("  a\n+ inserted\n  b\n", LineDiff.of("a\nb", "a\ninserted\nb"));
        assertEquals("  a\n- removed\n  b\n", LineDiff.of("a\nremoved\nb", "a\nb"));
    }

    @Test
    void distantChangesAreSeparatedByAGapMarker() {
        String recorded = lines(1, 30);
        String replayed = recorded.replace("line 3\n", "line three\n").replace("line 27\n", "line twenty-seven\n");

        String diff = LineDiff.of(recorded, replayed);

        assertTrue(diff.contains("- line 3\n+ line three\n"), diff);
        assertTrue(diff.contains("  line 6\n  ...\n  line 24\n"), diff);
        assertTrue(diff.contains("- line 27\n+ line twenty-seven\n"), diff);
        assertTrue(!diff.contains("line 15"), diff);
    }

    @Test
    void aLongDiffIsCutAndSaysSo() {
        String recorded = lines(1, 400);
        String replayed = recorded.replace("line", "LINE");

        String diff = LineDiff.of(recorded, replayed);

        assertTrue(diff.lines().count() < 130, diff.lines().count() + " lines");
        assertTrue(diff.strip().endsWith("more lines differ)"), diff.substring(diff.length() - 100));
    }

    @Test
    void textsTooLongToDiffNameTheFirstDifferentLine() {
        String recorded = lines(1, 5000);
        String replayed = recorded.replace("line 4321\n", "changed\n");

        assertEquals("(too long to diff: 5001 vs 5001 lines; first difference at line 4321)",
                LineDiff.of(recorded, replayed));
    }

    private static String lines(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n"));
    }
}
