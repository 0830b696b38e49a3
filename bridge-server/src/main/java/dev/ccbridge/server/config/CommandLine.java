package dev.ccbridge.server.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The command line. Options override environment variables, which override the YAML file, which overrides the
 * built-in defaults.
 *
 * @param options    option values as configuration keys
 * @param configFile the YAML file to read, or {@code null}
 * @param help       whether {@code --help} was given
 * @param version    whether {@code --version} was given
 */
public record CommandLine(Map<String, String> options, Path configFile, boolean help, boolean version) {

    /** The default user configuration file, read when it exists. */
    public static final Path DEFAULT_CONFIG_FILE = Path.of("ccbridge.yaml");

    /** The option key {@code --demo} sets. */
    public static final String DEMO = "bridge.demo";

    /** What {@code --help} prints. */
    public static final String USAGE = """
            usage: ccbridge [options]
                   ccbridge usage [--since YYYY-MM-DD] [--by key,model,day] [--json] ...   (usage --help for all)
                   ccbridge doctor [--bridge URL] [options]

              --config FILE     YAML configuration (default: $BRIDGE_CONFIG, else ./ccbridge.yaml if present)
              --host ADDRESS    address to bind (HOST, default 127.0.0.1)
              --port PORT       port to bind (PORT, default 8787)
              --upstream URL    an OpenAI-compatible base URL such as https://api.example.com/v1
                                (UPSTREAM_BASE_URL; the key comes from UPSTREAM_API_KEY, never the command line)
              --plugins DIR     folder of adapter jars (BRIDGE_PLUGINS_DIR, default ./plugins)
              --record DIR      record every exchange into DIR, one folder per Claude Code session, secrets
                                removed, for the replay harness (BRIDGE_RECORD_DIR, bridge.record-dir)
              --exchange-log FILE
                                append one JSON line per exchange to FILE (BRIDGE_EXCHANGE_LOG, bridge.exchange-log)
              --usage-dir DIR   usage records per key and session, one file per day (BRIDGE_USAGE_DIR,
                                bridge.usage-dir, default ./usage; 'off' records none); read by 'ccbridge usage'
                                and GET /v1/usage
              --demo            play a built-in scripted model instead of an upstream: no key, no network;
                                point Claude Code at the bridge and watch a tool call go through
              --help            print this and exit
              --version         print the version and exit

            Payload log: the logger ccbridge.payload at FINE (in ./logging.properties, or the file named by
            -Djava.util.logging.config.file) logs every request and response body, secrets masked, cut to
            BRIDGE_PAYLOAD_LOG_LIMIT characters (bridge.payload-log-limit, default 2000).

            doctor: checks Claude Code's settings (~/.claude/settings.json, .claude/settings*.json) and environment,
            the running bridge (--bridge URL, default ANTHROPIC_BASE_URL) and each upstream, and says what to fix;
            exit code 0 when nothing must be fixed, 1 otherwise.

            JoyToken: set JOY_TOKEN_API_KEY (and optionally JOY_TOKEN_OPENAI_BASE_URL, JOY_TOKEN_DEFAULT_MODEL).
            Then point Claude Code at the bridge:
              export ANTHROPIC_BASE_URL=http://127.0.0.1:8787 ANTHROPIC_AUTH_TOKEN=<key> ANTHROPIC_API_KEY=""
            """;

    /**
     * Defaults of the {@code ccbridge} command that an embedded bridge (tests, the replay harness) does not get:
     * usage is recorded, so that {@code ccbridge usage} has something to show after the first day.
     */
    private static final Map<String, String> COMMAND_DEFAULTS = Map.of("bridge.usage-dir", "usage");

    /**
     * @param args the arguments
     * @return the parsed command line
     * @throws IllegalArgumentException for an unknown option or a missing value
     */
    public static CommandLine parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        Path configFile = null;
        boolean help = false;
        boolean version = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 0) {
                value = arg.substring(equals + 1);
                arg = arg.substring(0, equals);
            }
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--version" -> version = true;
                case "--config" -> configFile = Path.of(value != null ? value : next(args, ++i, arg));
                case "--host" -> options.put("HOST", value != null ? value : next(args, ++i, arg));
                case "--port" -> options.put("PORT", value != null ? value : next(args, ++i, arg));
                case "--upstream" -> options.put("UPSTREAM_BASE_URL", value != null ? value : next(args, ++i, arg));
                case "--plugins" -> options.put("BRIDGE_PLUGINS_DIR", value != null ? value : next(args, ++i, arg));
                case "--record" -> options.put("BRIDGE_RECORD_DIR", value != null ? value : next(args, ++i, arg));
                case "--exchange-log" ->
                        options.put("BRIDGE_EXCHANGE_LOG", value != null ? value : next(args, ++i, arg));
                case "--usage-dir" -> options.put("BRIDGE_USAGE_DIR", value != null ? value : next(args, ++i, arg));
                case "--demo" -> options.put(DEMO, "true");
                default -> throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        return new CommandLine(Map.copyOf(options), configFile, help, version);
    }

    private static String next(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    /**
     * @return the configuration: command line, system properties, environment, YAML file, defaults
     */
    public Config config() {
        Path file = configFile;
        if (file == null) {
            String fromEnv = System.getenv("BRIDGE_CONFIG");
            if (fromEnv != null && !fromEnv.isBlank()) {
                file = Path.of(fromEnv);
            } else if (Files.isRegularFile(DEFAULT_CONFIG_FILE)) {
                file = DEFAULT_CONFIG_FILE;
            }
        }
        if (file != null && !Files.isRegularFile(file)) {
            throw new IllegalArgumentException("configuration file " + file + " does not exist");
        }
        List<Supplier<? extends ConfigSource>> sources = new ArrayList<>();
        sources.add(ConfigSources.create(options));
        sources.add(ConfigSources.systemProperties());
        sources.add(ConfigSources.environmentVariables());
        if (file != null) {
            sources.add(ConfigSources.file(file));
        }
        sources.add(ConfigSources.classpath("application.yaml"));
        sources.add(ConfigSources.create(COMMAND_DEFAULTS));
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(sources)
                .build();
    }
}
