package dev.ccbridge.server.observe;

import dev.ccbridge.server.config.CommandLine;
import dev.ccbridge.server.config.LogSettings;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code ccbridge usage}: sums the usage store by day, key and model (or what {@code --by} names) and prints a
 * table, or the same JSON as {@code GET /v1/usage}. Reads the files only; no server starts. The folder is
 * {@code --dir}, else the one the bridge would use with the same configuration ({@code --config},
 * {@code BRIDGE_USAGE_DIR}, {@code bridge.usage-dir}, default {@code ./usage}).
 */
public final class UsageCommand {

    /** What {@code ccbridge usage --help} prints. */
    public static final String USAGE = """
            usage: ccbridge usage [options]

            Sums the bridge's usage records: requests, errors, tokens (uncached input, output, cache reads and
            writes), credits and cost, grouped by day, key and model.

              --dir DIR            the usage folder (default: BRIDGE_USAGE_DIR, bridge.usage-dir, else ./usage)
              --config FILE        YAML configuration to find the folder in (default: $BRIDGE_CONFIG, ./ccbridge.yaml)
              --since YYYY-MM-DD   first day, UTC (default: the earliest)
              --until YYYY-MM-DD   last day, UTC (default: the latest)
              --by LIST            group by, comma-separated: day, key, session, model, client-model, upstream
                                   (default: day,key,model; model is the model that actually answered)
              --key FINGERPRINT    only this caller key, as the log prints it (key-3f2a9c1b07de)
              --json               print JSON (the shape GET /v1/usage answers with) instead of a table
              --help               print this and exit
            """;

    private UsageCommand() {
    }

    /**
     * @param args the options after {@code usage}
     * @param out  where the report goes
     * @param err  where problems go
     * @return the exit code: 0 when the report was printed (also when there is nothing to report), 1 when the
     *         usage store is off or unreadable, 2 for a bad option
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options options;
        UsageQuery query;
        try {
            options = Options.parse(args);
            if (options.help) {
                out.print(USAGE);
                return 0;
            }
            query = UsageQuery.parse(options.since, options.until, options.key, options.by);
        } catch (IllegalArgumentException e) {
            err.println("ccbridge usage: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        Path dir;
        try {
            dir = options.dir != null ? Path.of(options.dir)
                    : LogSettings.usageDir(new CommandLine(Map.of(), options.config, false, false).config())
                            .orElse(null);
        } catch (IllegalArgumentException e) {
            err.println("ccbridge usage: " + e.getMessage());
            return 2;
        }
        if (dir == null) {
            err.println("ccbridge usage: usage records are off (BRIDGE_USAGE_DIR or bridge.usage-dir is 'off'); "
                    + "name a folder with --dir");
            return 1;
        }
        UsageReport report = new UsageReport(query);
        UsageStore.Reading reading;
        try {
            reading = UsageStore.read(dir, query, report::add);
        } catch (UncheckedIOException e) {
            err.println("ccbridge usage: " + e.getMessage());
            return 1;
        }
        Path shown = dir.toAbsolutePath().normalize();
        if (reading.unreadable() > 0) {
            err.println("ccbridge usage: skipped " + reading.unreadable() + " line(s) in " + shown
                    + " that are not usage records");
        }
        if (options.json) {
            out.println(report.toJson());
        } else if (report.requests() == 0) {
            out.println("no usage recorded in " + shown + days(query) + (Files.isDirectory(dir) ? ""
                    : " (the folder does not exist yet: the bridge creates it at its first exchange)"));
        } else {
            out.println("usage in " + shown + days(query) + (query.key() == null ? "" : ", key " + query.key())
                    + ": " + report.requests() + " requests from " + reading.files() + " file(s)");
            out.print(report.table());
        }
        return 0;
    }

    private static String days(UsageQuery query) {
        if (query.since() == null && query.until() == null) {
            return ", all days";
        }
        return ", " + (query.since() == null ? "the start" : query.since()) + " to "
                + (query.until() == null ? "today" : query.until());
    }

    /** The command's options, as given. */
    private static final class Options {
        private String dir;
        private Path config;
        private String since;
        private String until;
        private String by;
        private String key;
        private boolean json;
        private boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                String value = null;
                int equals = arg.indexOf('=');
                if (arg.startsWith("--") && equals > 0) {
                    value = arg.substring(equals + 1);
                    arg = arg.substring(0, equals);
                }
                switch (arg) {
                    case "--help", "-h" -> options.help = true;
                    case "--json" -> options.json = true;
                    case "--dir" -> options.dir = value != null ? value : next(args, ++i, arg);
                    case "--config" -> options.config = Path.of(value != null ? value : next(args, ++i, arg));
                    case "--since" -> options.since = value != null ? value : next(args, ++i, arg);
                    case "--until" -> options.until = value != null ? value : next(args, ++i, arg);
                    case "--by" -> options.by = value != null ? value : next(args, ++i, arg);
                    case "--key" -> options.key = value != null ? value : next(args, ++i, arg);
                    default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
                }
            }
            return options;
        }

        private static String next(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }
    }
}
