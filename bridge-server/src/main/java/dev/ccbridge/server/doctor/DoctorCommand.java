package dev.ccbridge.server.doctor;

import dev.ccbridge.server.Version;
import dev.ccbridge.server.config.CommandLine;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code ccbridge doctor [--bridge URL] [options]}: runs the {@link Doctor} on this user's home folder, the current
 * folder and the process environment, with the bridge's configuration read as {@code ccbridge [options]} would
 * read it, prints the report and returns the exit code.
 */
public final class DoctorCommand {

    /** The command's name on the command line. */
    public static final String NAME = "doctor";

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private DoctorCommand() {
    }

    private static URI bridgeUrl(String value) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("--bridge needs a URL such as http://127.0.0.1:8787, got '" + value
                    + "'");
        }
        return uri;
    }

    /**
     * @param args the arguments after {@code doctor}
     * @param out  where the report goes
     * @return the exit code: 0 when nothing must be fixed, 1 when something must, 2 for bad arguments
     */
    public static int run(String[] args, PrintStream out) {
        URI bridgeUrl = null;
        List<String> bridgeArgs = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--bridge") || arg.startsWith("--bridge=")) {
                    String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                            : i + 1 < args.length ? args[++i] : null;
                    if (value == null) {
                        throw new IllegalArgumentException("--bridge needs a URL such as http://127.0.0.1:8787");
                    }
                    bridgeUrl = bridgeUrl(value);
                } else {
                    bridgeArgs.add(arg);
                }
            }
            CommandLine commandLine = CommandLine.parse(bridgeArgs.toArray(String[]::new));
            if (commandLine.help()) {
                out.println(CommandLine.USAGE);
                return 0;
            }
            // The adapters' and Helidon's informational logging would only interleave with the report.
            Logger.getLogger("").setLevel(Level.WARNING);
            out.println("ccbridge doctor " + Version.current() + "\n");
            // Claude Code finds its settings under $HOME, which need not be the account's home folder.
            String home = System.getenv().getOrDefault("HOME", System.getProperty("user.home"));
            Report report = Doctor.examine(new Doctor.Inputs(Path.of(home), Path.of("").toAbsolutePath(),
                    System.getenv(), commandLine.config(), bridgeUrl, TIMEOUT));
            report.print(out);
            return report.exitCode();
        } catch (IllegalArgumentException e) {
            out.println("ccbridge doctor: " + e.getMessage());
            out.println(CommandLine.USAGE);
            return 2;
        }
    }
}
