package dev.ccbridge.replay.play;

import dev.ccbridge.replay.fixture.FixtureReader;
import dev.ccbridge.replay.fixture.SessionFixture;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Replays every recorded session of a folder, either through a bridge started in this process for each session
 * (configured from the session's {@code session.json}) or through a bridge already running elsewhere, and tells
 * how each went. A session that cannot be read or replayed is an {@link Result#ERROR}, not the end of the run.
 */
public final class FolderReplayer {

    /** How a session's replay ended. */
    public enum Result {
        /** The bridge did what the recording says. */
        PASS,
        /** The bridge did something else. */
        FAIL,
        /** What the bridge does now was written into the recording. */
        RERECORDED,
        /** The session could not be read or replayed. */
        ERROR
    }

    /**
     * One session's outcome.
     *
     * @param session         the session's name
     * @param exchanges       how many exchanges it has, or 0 when it could not be read
     * @param result          how its replay ended
     * @param firstDifference the first difference or error, one line; empty when there is none
     * @param details         every difference with its diff, or the error; empty when there is none
     */
    public record Outcome(String session, int exchanges, Result result, String firstDifference, String details) {
    }

    private final boolean rerecord;

    /**
     * @param rerecord write what the bridge does now into the recordings instead of comparing
     */
    public FolderReplayer(boolean rerecord) {
        this.rerecord = rerecord;
    }

    /**
     * Starts a bridge in this process for each session, from what the session was recorded with.
     *
     * @param sessions session folders
     * @return one outcome per session, in order
     */
    public List<Outcome> replayLocally(List<Path> sessions) {
        List<Outcome> outcomes = new ArrayList<>();
        for (Path dir : sessions) {
            outcomes.add(guarded(dir, session -> {
                try (ReplayUpstream upstream = new ReplayUpstream(0);
                     LocalBridge bridge = LocalBridge.start(ReplaySettings.of(session,
                             "http://127.0.0.1:" + upstream.port()))) {
                    return new SessionReplayer(bridge.uri(), upstream, rerecord).replay(session);
                }
            }));
        }
        return outcomes;
    }

    /**
     * Replays through a running bridge whose upstream is {@code http://127.0.0.1:PORT}; the replay upstream listens
     * there while the sessions play.
     *
     * @param bridge       the running bridge's base URL
     * @param upstreamPort the port its upstream is configured at
     * @param sessions     session folders
     * @return one outcome per session, in order
     */
    public List<Outcome> replayThrough(URI bridge, int upstreamPort, List<Path> sessions) {
        try (ReplayUpstream upstream = new ReplayUpstream(upstreamPort)) {
            SessionReplayer replayer = new SessionReplayer(bridge, upstream, rerecord);
            List<Outcome> outcomes = new ArrayList<>();
            for (Path dir : sessions) {
                outcomes.add(guarded(dir, replayer::replay));
            }
            return outcomes;
        }
    }

    /**
     * @param outcomes outcomes
     * @return a table of them, one line per session, then a summary line
     */
    public static String table(List<Outcome> outcomes) {
        int width = Math.max("SESSION".length(), outcomes.stream().mapToInt(o -> o.session().length()).max()
                .orElse(0));
        String row = "%-" + width + "s  %9s  %-10s  %s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, row, "SESSION", "EXCHANGES", "RESULT",
                "FIRST DIFFERENCE"));
        for (Outcome outcome : outcomes) {
            out.append(String.format(Locale.ROOT, row, outcome.session(), outcome.exchanges(),
                    outcome.result().name().toLowerCase(Locale.ROOT), outcome.firstDifference()).stripTrailing())
                    .append(System.lineSeparator());
        }
        long bad = outcomes.stream().filter(o -> !passed(o)).count();
        out.append(outcomes.size()).append(outcomes.size() == 1 ? " session, " : " sessions, ")
                .append(bad == 0 ? "all passed" : bad + " not passed").append(System.lineSeparator());
        return out.toString();
    }

    /**
     * @param outcome an outcome
     * @return whether it counts as passed (a re-recording that wrote everything does)
     */
    public static boolean passed(Outcome outcome) {
        return outcome.result() == Result.PASS || outcome.result() == Result.RERECORDED;
    }

    /** Plays one session. */
    @FunctionalInterface
    private interface Play {
        ReplayResult play(SessionFixture session);
    }

    private Outcome guarded(Path dir, Play play) {
        String name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
        SessionFixture session;
        try {
            session = FixtureReader.session(dir);
        } catch (RuntimeException e) {
            return error(name, 0, e);
        }
        ReplayResult result;
        try {
            result = play.play(session);
        } catch (RuntimeException e) {
            return error(name, session.exchanges().size(), e);
        }
        if (result.passed()) {
            return new Outcome(name, result.exchanges(), rerecord ? Result.RERECORDED : Result.PASS, "", "");
        }
        ReplayResult.Difference first = result.differences().getFirst();
        return new Outcome(name, result.exchanges(), Result.FAIL,
                "exchange " + first.exchange() + ": " + first.what(), result.report());
    }

    private static Outcome error(String name, int exchanges, RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String cause = e.getCause() == null || e.getCause().getMessage() == null ? ""
                : " (" + e.getCause().getMessage() + ")";
        return new Outcome(name, exchanges, Result.ERROR, message.lines().findFirst().orElse("") + cause,
                message + cause);
    }
}
