package dev.ccbridge.replay;

import dev.ccbridge.replay.script.ScriptReader;
import dev.ccbridge.replay.upstream.ScriptedUpstream;

import io.helidon.logging.common.LogConfig;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** The replay harness's command line. */
public final class Harness {

    private static final String USAGE = """
            usage: harness <command> [options]

              upstream --script FILE [--port PORT]
                  run the scripted OpenAI-compatible upstream (default port 18500) until stopped
            """;

    private Harness() {
    }

    /**
     * @param args the command and its options
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || args[0].equals("--help")) {
            System.out.print(USAGE);
            return;
        }
        LogConfig.configureRuntime();
        switch (args[0]) {
            case "upstream" -> upstream(args);
            default -> {
                System.err.print("unknown command '" + args[0] + "'\n" + USAGE);
                System.exit(2);
            }
        }
    }

    private static void upstream(String[] args) throws InterruptedException {
        String script = option(args, "--script", null);
        if (script == null) {
            System.err.print("upstream needs --script FILE\n" + USAGE);
            System.exit(2);
        }
        int port = Integer.parseInt(option(args, "--port", "18500"));
        ScriptedUpstream upstream = ScriptedUpstream.start(ScriptReader.read(Path.of(script)), port);
        System.out.println("scripted upstream on " + upstream.baseUrl() + " playing " + script);
        new CountDownLatch(1).await();
    }

    static String option(String[] args, String name, String defaultValue) {
        for (int i = 1; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return defaultValue;
    }
}
