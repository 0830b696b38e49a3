package dev.ccbridge.server.doctor;

import dev.ccbridge.server.Secrets;
import dev.ccbridge.server.doctor.ClaudeCodeEnvironment.SettingsFile;
import dev.ccbridge.server.doctor.ClaudeCodeEnvironment.Shadowed;
import dev.ccbridge.server.doctor.ClaudeCodeEnvironment.Value;

import jakarta.json.JsonObject;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The checks that need only Claude Code's environment and settings files: where it sends requests, which
 * credentials it sends, what a settings file hides from the shell, a cached login, client timeouts.
 */
final class ClaudeCodeChecks {

    /** A stream that may pause this long is not cut by the client: reasoning models think for minutes. */
    static final long MIN_CLIENT_TIMEOUT_MS = 120_000;

    private static final Set<String> SECRET_VARIABLES = Set.of(ClaudeCode.AUTH_TOKEN, ClaudeCode.API_KEY,
            ClaudeCode.OAUTH_TOKEN);
    private static final String ANTHROPIC_KEY_PREFIX = "sk-ant-";

    private final ClaudeCodeEnvironment env;
    private final String bridgeUrl;
    private final String token;
    private final Consumer<Finding> out;

    /**
     * @param env       Claude Code's environment
     * @param bridgeUrl the URL Claude Code should use, for the fixes
     * @param token     the token Claude Code should send (a value or a placeholder), for the fixes
     * @param out       where findings go
     */
    ClaudeCodeChecks(ClaudeCodeEnvironment env, String bridgeUrl, String token, Consumer<Finding> out) {
        this.env = env;
        this.bridgeUrl = bridgeUrl;
        this.token = token;
        this.out = out;
    }

    void run() {
        settingsFiles();
        cloudProvider();
        baseUrl();
        credentials();
        cachedLogin();
        shadowed();
        timeouts();
        attributionHeader();
    }

    private void settingsFiles() {
        List<String> read = env.files().stream().filter(file -> file.json().isPresent())
                .map(file -> file.path().toString()).toList();
        out.accept(Finding.ok("settings", read.isEmpty() ? "no settings file sets anything; the shell's "
                + "environment applies" : "settings read: " + String.join(", ", read)
                + " (the last wins, and all win over the shell)"));
        for (SettingsFile file : env.files()) {
            if (file.error() != null) {
                out.accept(Finding.error("settings-invalid", file.path() + " cannot be used: " + file.error(),
                        "make it a valid JSON object, or delete it; Claude Code does not apply a broken settings "
                                + "file"));
                continue;
            }
            if (file.json().isEmpty()) {
                continue;
            }
            JsonObject json = file.json().get();
            List<String> ignored = new ArrayList<>();
            if (json.get("anthropic") instanceof JsonObject anthropic) {
                anthropic.keySet().forEach(key -> ignored.add("anthropic." + key));
            }
            for (String key : List.of("baseURL", "baseUrl", "apiKey")) {
                if (json.containsKey(key)) {
                    ignored.add(key);
                }
            }
            if (!ignored.isEmpty()) {
                out.accept(Finding.warning("settings-ignored", file.path() + " has " + String.join(", ", ignored)
                                + ", which Claude Code does not read",
                        "put the values under \"env\": {\"" + ClaudeCode.BASE_URL + "\": \"" + bridgeUrl
                                + "\", \"" + ClaudeCode.AUTH_TOKEN + "\": \"...\"} and remove those keys"));
            }
            if (json.containsKey("apiKeyHelper")) {
                out.accept(Finding.warning("api-key-helper", file.path() + " sets apiKeyHelper: Claude Code runs "
                                + "it for an Anthropic key and sends what it prints",
                        "remove apiKeyHelper while Claude Code uses the bridge; put the bridge's token in "
                                + ClaudeCode.AUTH_TOKEN));
            }
        }
    }

    private void cloudProvider() {
        for (String name : ClaudeCode.CLOUD_PROVIDERS) {
            env.nonBlank(name).filter(ClaudeCodeChecks::truthy).ifPresent(value -> out.accept(Finding.error(
                    "cloud-provider", name + "=" + value + " (from " + source(name) + ") sends Claude Code to a "
                            + "cloud provider, past " + ClaudeCode.BASE_URL,
                    unset(name))));
        }
    }

    private void baseUrl() {
        Optional<Value> value = env.get(ClaudeCode.BASE_URL).filter(v -> !v.value().isBlank());
        if (value.isEmpty()) {
            out.accept(Finding.error("base-url-unset", ClaudeCode.BASE_URL + " is not set: Claude Code talks to "
                    + "api.anthropic.com, not to the bridge", "export " + ClaudeCode.BASE_URL + "=" + bridgeUrl
                    + " (or set it in ~/.claude/settings.json under \"env\")"));
            return;
        }
        String url = value.get().value().strip();
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            uri = null;
        }
        if (uri == null || uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            out.accept(Finding.error("base-url-invalid", ClaudeCode.BASE_URL + "=" + url + " (from "
                    + value.get().source() + ") is not an http(s) URL", "set it to " + bridgeUrl));
            return;
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("/+$", "");
        if (path.endsWith("/v1") || path.endsWith("/v1/messages")) {
            String fixed = url.substring(0, url.lastIndexOf(path.endsWith("/v1") ? "/v1" : "/v1/messages"));
            out.accept(Finding.error("base-url-path", ClaudeCode.BASE_URL + "=" + url + " ends in "
                            + path.substring(path.lastIndexOf("/v1")) + ": Claude Code adds /v1/messages itself, so "
                            + "it would call " + path + "/v1/messages",
                    setTo(ClaudeCode.BASE_URL, fixed)));
            return;
        }
        out.accept(Finding.ok("base-url", ClaudeCode.BASE_URL + "=" + url + " (from " + value.get().source()
                + ")"));
    }

    private void credentials() {
        Optional<String> bearer = env.nonBlank(ClaudeCode.AUTH_TOKEN);
        Optional<String> apiKey = env.nonBlank(ClaudeCode.API_KEY);
        bearer.ifPresent(value -> out.accept(Finding.ok("token", ClaudeCode.AUTH_TOKEN + " is set ("
                + Secrets.masked(value) + ", from " + source(ClaudeCode.AUTH_TOKEN) + ")")));
        if (bearer.isEmpty() && apiKey.isEmpty()) {
            out.accept(Finding.error("token-missing", ClaudeCode.AUTH_TOKEN + " is not set, so Claude Code has no "
                            + "key for the bridge: it falls back to a cached login, or stops with \"Not logged in\"",
                    "export " + ClaudeCode.AUTH_TOKEN + "=" + quoted(token)));
        }
        if (apiKey.isPresent()) {
            String key = apiKey.get();
            String where = " (" + Secrets.masked(key) + ", from " + source(ClaudeCode.API_KEY) + ")";
            String fix = setTo(ClaudeCode.API_KEY, "");
            if (key.startsWith(ANTHROPIC_KEY_PREFIX)) {
                out.accept(Finding.error("api-key-set", ClaudeCode.API_KEY + " holds an Anthropic key" + where
                        + ": Claude Code sends it as x-api-key, and no OpenAI-compatible upstream accepts it", fix
                        + (bearer.isEmpty() ? "; put the bridge's token in " + ClaudeCode.AUTH_TOKEN : "")));
            } else if (bearer.isEmpty()) {
                out.accept(Finding.warning("api-key-set", ClaudeCode.API_KEY + " is set" + where + " but "
                                + ClaudeCode.AUTH_TOKEN + " is not: Claude Code sends it as x-api-key, and an "
                                + "interactive session asks whether to use this \"custom API key\", answering No by "
                                + "default",
                        "move the value to " + ClaudeCode.AUTH_TOKEN + " and " + fix));
            } else if (!key.equals(bearer.get())) {
                out.accept(Finding.error("api-key-set", ClaudeCode.API_KEY + " is set" + where + " and differs "
                                + "from " + ClaudeCode.AUTH_TOKEN + ": Claude Code sends both, so the request "
                                + "carries two keys and it can prefer the wrong one",
                        fix));
            } else {
                out.accept(Finding.warning("api-key-set", ClaudeCode.API_KEY + " repeats " + ClaudeCode.AUTH_TOKEN
                        + where + ": it works, but interactive sessions ask whether to use it", fix));
            }
        } else if (env.get(ClaudeCode.API_KEY).isPresent()) {
            out.accept(Finding.ok("api-key", ClaudeCode.API_KEY + " is empty"));
        } else {
            out.accept(Finding.warning("api-key-unset", ClaudeCode.API_KEY + " is not set; the guides set it "
                            + "empty so that a key from a profile or an IDE cannot take part",
                    "export " + ClaudeCode.API_KEY + "=\"\""));
        }
    }

    private void cachedLogin() {
        ClaudeCodeEnvironment.Login login = env.login();
        boolean noKey = env.nonBlank(ClaudeCode.AUTH_TOKEN).isEmpty() && env.nonBlank(ClaudeCode.API_KEY).isEmpty();
        String logout = "run /logout inside Claude Code (or claude auth logout), then restart it";
        if (login.storedApiKey() != null) {
            String text = login.claudeJson() + " holds an API key from a Console login ("
                    + Secrets.masked(login.storedApiKey()) + "): Claude Code sends it as x-api-key with every "
                    + "request, even with " + ClaudeCode.AUTH_TOKEN + " set";
            out.accept(noKey ? Finding.error("stored-api-key", text + ", and here it is the only key", logout)
                    : Finding.warning("stored-api-key", text, logout));
        }
        if (login.claudeAiOauth() || login.account() != null) {
            String what = "a claude.ai login is cached" + (login.account() != null ? " (" + login.account() + ")"
                    : "") + " in " + (login.claudeAiOauth() ? login.credentials() : login.claudeJson());
            out.accept(noKey && login.storedApiKey() == null
                    ? Finding.error("cached-login", what + ", and without " + ClaudeCode.AUTH_TOKEN + " Claude "
                    + "Code sends its claude.ai token to the bridge, and usage never reaches your gateway's key",
                    logout + "; set " + ClaudeCode.AUTH_TOKEN)
                    : Finding.warning("cached-login", what + ": " + ClaudeCode.AUTH_TOKEN + " wins for now, but the "
                    + "login takes over wherever the token is missing (another terminal, an IDE)", logout));
        }
        if (env.nonBlank(ClaudeCode.OAUTH_TOKEN).isPresent()) {
            String set = ClaudeCode.OAUTH_TOKEN + " is set (from " + source(ClaudeCode.OAUTH_TOKEN) + ")";
            out.accept(noKey
                    ? Finding.error("oauth-token", set + ": without " + ClaudeCode.AUTH_TOKEN + " Claude Code sends "
                    + "this claude.ai token to the bridge", unset(ClaudeCode.OAUTH_TOKEN) + ", and set "
                    + ClaudeCode.AUTH_TOKEN)
                    : Finding.warning("oauth-token", set + "; " + ClaudeCode.AUTH_TOKEN + " wins over it for now",
                    unset(ClaudeCode.OAUTH_TOKEN)));
        }
    }

    private void shadowed() {
        for (Shadowed shadowed : env.shadowed()) {
            String name = shadowed.name();
            if (!ClaudeCode.VARIABLES.contains(name)) {
                continue;
            }
            out.accept(Finding.warning("settings-override", shadowed.winner().source() + " sets " + name + "="
                            + shown(name, shadowed.winner().value()) + " over " + name + "="
                            + shown(name, shadowed.hidden().value()) + " from " + shadowed.hidden().source()
                            + ": Claude Code uses " + shadowed.winner().source() + "'s value",
                    "keep one value: change or remove " + name + " in " + shadowed.winner().source()));
        }
    }

    private void timeouts() {
        for (String name : List.of(ClaudeCode.API_TIMEOUT_MS, ClaudeCode.STREAM_IDLE_TIMEOUT_MS)) {
            env.nonBlank(name).ifPresent(value -> {
                long millis;
                try {
                    millis = Long.parseLong(value.strip());
                } catch (NumberFormatException e) {
                    out.accept(Finding.warning("client-timeout", name + "=" + value + " (from " + source(name)
                            + ") is not a number of milliseconds", "unset it, or set at least "
                            + MIN_CLIENT_TIMEOUT_MS));
                    return;
                }
                if (millis < MIN_CLIENT_TIMEOUT_MS) {
                    out.accept(Finding.warning("client-timeout", name + "=" + millis + " (from " + source(name)
                                    + ") cuts off answers that take longer than " + millis / 1000 + " s to start or "
                                    + "pause that long mid-stream, as reasoning models do",
                            "raise it to at least " + MIN_CLIENT_TIMEOUT_MS + " (120 s), or unset it"));
                }
            });
        }
    }

    private void attributionHeader() {
        if (!"0".equals(env.get(ClaudeCode.ATTRIBUTION_HEADER).map(Value::value).map(String::strip).orElse(""))) {
            out.accept(Finding.note("attribution-header", ClaudeCode.ATTRIBUTION_HEADER + " is not 0: Claude Code "
                    + "starts every system prompt with a block that changes per request kind (the bridge drops it)",
                    "export " + ClaudeCode.ATTRIBUTION_HEADER + "=0"));
        }
    }

    private String source(String name) {
        return env.get(name).map(Value::source).orElse(ClaudeCodeEnvironment.SHELL);
    }

    /** @return how to give a variable a value where it is set now */
    private String setTo(String name, String value) {
        String source = source(name);
        return source.equals(ClaudeCodeEnvironment.SHELL)
                ? "export " + name + "=" + (value.isEmpty() ? "\"\"" : quoted(value))
                + " (and change it in your shell profile)"
                : "set \"" + name + "\": \"" + value + "\" under \"env\" in " + source;
    }

    /** @return how to remove a variable where it is set now */
    private String unset(String name) {
        String source = source(name);
        return source.equals(ClaudeCodeEnvironment.SHELL) ? "unset " + name + " (and remove it from your shell "
                + "profile)" : "remove " + name + " from \"env\" in " + source;
    }

    private static String shown(String name, String value) {
        return SECRET_VARIABLES.contains(name) ? Secrets.masked(value) : value.isEmpty() ? "\"\"" : value;
    }

    private static String quoted(String value) {
        return value.matches("[A-Za-z0-9_./:-]+") ? value : "\"" + value + "\"";
    }

    private static boolean truthy(String value) {
        return Set.of("1", "true", "yes", "on").contains(value.strip().toLowerCase(Locale.ROOT));
    }
}
