package dev.ccbridge.replay.play;

import java.util.List;

/**
 * The outcome of replaying one session.
 *
 * @param session     the session's name
 * @param exchanges   how many exchanges were replayed
 * @param differences what differed from the recording; empty when the replay matched
 */
public record ReplayResult(String session, int exchanges, List<Difference> differences) {

    /**
     * One difference.
     *
     * @param exchange the exchange's number
     * @param what     which part differed, e.g. {@code upstream request body}
     * @param diff     a readable diff ({@code -} recorded, {@code +} replayed)
     */
    public record Difference(int exchange, String what, String diff) {
        @Override
        public String toString() {
            return "exchange " + exchange + ": " + what + " differs\n" + diff;
        }
    }

    /**
     * @return whether the replay matched the recording
     */
    public boolean passed() {
        return differences.isEmpty();
    }

    /**
     * @return every difference, readable
     */
    public String report() {
        StringBuilder out = new StringBuilder();
        differences.forEach(d -> out.append(d).append('\n'));
        return out.toString();
    }
}
