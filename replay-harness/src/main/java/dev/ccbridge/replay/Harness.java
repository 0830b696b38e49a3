package dev.ccbridge.replay;

import dev.ccbridge.replay.fixture.FixtureReader;
import dev.ccbridge.replay.play.FolderReplayer;
import dev.ccbridge.server.scripted.ScriptReader;
import dev.ccbridge.server.scripted.ScriptedUpstream;

import io.helidon.logging.common.LogConfig;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The replay harness's command line. Exit codes: 0 success, 1 a replay did not pass, 2 a usage error. */
public final class Harness {

    /** Every session replayed as recorded (or re-recorded). */
    public static final int PASSED = 0;
    /** A session differed from its recording or could not be replayed. */
    public static final int NOT_PASSED = 1;
    /** The command line was wrong. */
    public static final int USAGE_ERROR = 2;

    private static final String USAGE = """
            usage: harness <command> [options]

              upstream --script FILE [--port PORT]
                  run the scripted OpenAI-compatible upstream (default port 18500) until stopped

              replay DIR --local [--rerecord]
                  replay every session folder in DIR (or DIR itself when it is a session) through a bridge started
                  here for each session from its session.json; no running bridge needed

              replay DIR --bridge URL --upstream-port PORT [--rerecord]
                  replay through a running bridge whose upstream is http://127.0.0.1:PORT (its base URL, e.g.
                  UPSTREAM_BASE_URL=http://127.0.0.1:PORT/v1); the harness plays the recorded upstream there.
                  The bridge must be configured like the recording (models, prefix, adapter)

              --rerecord  write what the bridge does now into the recordings instead of comparing, for an
                          intended change; review the result with git diff

            replay prints one line per session (exchanges, pass/fail, first difference), then the diffs.
            """;
    /** The replayed bridge's log; one line per exchange would bury the table, so a replay keeps only warnings. */
    private static final Logger BRIDGE_LOG = Logger.getLogger("ccbridge");
    private static final Set<String> VALUED = Set.of("--script", "--port", "--bridge", "--upstream-port");
    private static final Set<String> FLAGS = Set.of("--local", "--rerecord");

    private Harness() {
    }

    /**
     * @param args the command and its options
     */
    public static void main(String[] args) {
        LogConfig.configureRuntime();
        if (args.length > 0 && args[0].equals("replay")) {
            BRIDGE_LOG.setLevel(Level.WARNING);
        }
        int code = run(args, System.out, System.err);
        System.exit(code);
    }

    /**
     * Runs a command. {@code upstream} serves until the process is stopped; {@code replay} returns when every
     * session has played.
     *
     * @param args the command and its options
     * @param out  where results go
     * @param err  where usage errors go
     * @return the exit code
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.print(USAGE);
            return args.length == 0 ? USAGE_ERROR : PASSED;
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        return switch (args[0]) {
            case "upstream" -> upstream(options, out, err);
            case "replay" -> replay(options, out, err);
            default -> usage(err, "unknown command '" + args[0] + "'");
        };
    }

    private static int upstream(Options options, PrintStream out, PrintStream err) {
        String script = options.valued().get("--script");
        if (script == null) {
            return usage(err, "upstream needs --script FILE");
        }
        ScriptedUpstream upstream;
        try {
            upstream = ScriptedUpstream.start(ScriptReader.read(Path.of(script)),
                    options.port("--port", 18500));
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        out.println("scripted upstream on " + upstream.baseUrl() + " playing " + script);
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        upstream.close();
        return PASSED;
    }

    private static int replay(Options options, PrintStream out, PrintStream err) {
        if (options.positional().size() != 1) {
            return usage(err, "replay needs one folder of recorded sessions");
        }
        Path dir = Path.of(options.positional().getFirst());
        boolean local = options.flags().contains("--local");
        String bridge = options.valued().get("--bridge");
        if (local == (bridge != null)) {
            return usage(err, "replay needs either --local or --bridge URL --upstream-port PORT");
        }
        if (!Files.isDirectory(dir)) {
            return usage(err, dir + " is not a folder");
        }
        List<Path> sessions;
        try {
            sessions = FixtureReader.sessionFolders(dir);
        } catch (UncheckedIOException e) {
            return usage(err, e.getMessage());
        }
        if (sessions.isEmpty()) {
            return usage(err, "no recorded sessions in " + dir + " (a session folder holds a session.json)");
        }
        FolderReplayer replayer = new FolderReplayer(options.flags().contains("--rerecord"));
        List<FolderReplayer.Outcome> outcomes;
        if (local) {
            outcomes = replayer.replayLocally(sessions);
        } else {
            if (!options.valued().containsKey("--upstream-port")) {
                return usage(err, "--bridge needs --upstream-port PORT, the port the bridge's upstream is at");
            }
            int port;
            URI uri;
            try {
                port = options.port("--upstream-port", 0);
                uri = URI.create(bridge);
            } catch (IllegalArgumentException e) {
                return usage(err, e.getMessage());
            }
            try {
                outcomes = replayer.replayThrough(uri, port, sessions);
            } catch (RuntimeException e) {
                err.println("harness: cannot play the upstream on port " + port + ": " + e.getMessage());
                return NOT_PASSED;
            }
        }
        out.print(FolderReplayer.table(outcomes));
        for (FolderReplayer.Outcome outcome : outcomes) {
            if (!outcome.details().isEmpty()) {
                out.println();
                out.println("--- " + outcome.session() + " ("
                        + outcome.result().name().toLowerCase(Locale.ROOT) + ")");
                out.print(outcome.details().endsWith("\n") ? outcome.details() : outcome.details() + "\n");
            }
        }
        return outcomes.stream().allMatch(FolderReplayer::passed) ? PASSED : NOT_PASSED;
    }

    private static int usage(PrintStream err, String problem) {
        err.print("harness: " + problem + "\n\n" + USAGE);
        return USAGE_ERROR;
    }

    /**
     * A parsed command line.
     *
     * @param positional arguments that are not options
     * @param valued     options with a value
     * @param flags      options without one
     */
    private record Options(List<String> positional, Map<String, String> valued, Set<String> flags) {

        static Options parse(String[] args) {
            List<String> positional = new ArrayList<>();
            Map<String, String> valued = new HashMap<>();
            Set<String> flags = new HashSet<>();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (VALUED.contains(arg)) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(arg + " needs a value");
                    }
                    valued.put(arg, args[++i]);
                } else if (FLAGS.contains(arg)) {
                    flags.add(arg);
                } else if (arg.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option '" + arg + "'");
                } else {
                    positional.add(arg);
                }
            }
            return new Options(List.copyOf(positional), Map.copyOf(valued), Set.copyOf(flags));
        }

        int port(String option, int absent) {
            String value = valued.get(option);
            if (value == null) {
                return absent;
            }
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a port number, got '" + value + "'");
            }
        }
    }
}
