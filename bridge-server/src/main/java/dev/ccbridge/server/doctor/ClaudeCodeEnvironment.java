package dev.ccbridge.server.doctor;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment Claude Code would start with in a folder: the shell's variables merged with the {@code env} of
 * its settings files in Claude Code's order (see {@link ClaudeCode}), where each value came from, which values a
 * settings file hides, and the logins Claude Code has cached.
 *
 * @param variables the effective value of each variable that is set, and its source
 * @param shadowed  values a settings file hides from a lower source (the shell, or a lower settings file)
 * @param files     the settings files Claude Code reads, lowest precedence first
 * @param login     what Claude Code has cached from earlier logins
 */
public record ClaudeCodeEnvironment(Map<String, Value> variables,
                                    List<Shadowed> shadowed,
                                    List<SettingsFile> files,
                                    Login login) {

    /** Where a value comes from when no settings file sets it. */
    public static final String SHELL = "the shell";

    /**
     * A variable's value and where it comes from.
     *
     * @param value  the value
     * @param source {@link #SHELL} or a settings file's path
     */
    public record Value(String value, String source) {
    }

    /**
     * A value a settings file sets over another.
     *
     * @param name   the variable
     * @param winner the value Claude Code uses
     * @param hidden the value it hides
     */
    public record Shadowed(String name, Value winner, Value hidden) {
    }

    /**
     * One settings file.
     *
     * @param scope {@code user}, {@code project} or {@code local}
     * @param path  where it is
     * @param json  its content when it exists and is a JSON object
     * @param error why it cannot be read, or {@code null}
     */
    public record SettingsFile(String scope, Path path, Optional<JsonObject> json, String error) {
        /**
         * @return whether the file exists
         */
        public boolean present() {
            return json.isPresent() || error != null;
        }
    }

    /**
     * What Claude Code keeps from earlier logins.
     *
     * @param claudeAiOauth  the claude.ai OAuth login in {@code .credentials.json}, if there is one
     * @param account        the account e-mail {@code .claude.json} names ({@code oauthAccount}), or {@code null}
     * @param storedApiKey   an API key a Console login stored in {@code .claude.json} ({@code primaryApiKey})
     * @param claudeJson     where {@code .claude.json} is
     * @param credentials    where {@code .credentials.json} is
     */
    public record Login(boolean claudeAiOauth, String account, String storedApiKey, Path claudeJson,
                        Path credentials) {
        /**
         * @return whether any login is cached
         */
        public boolean any() {
            return claudeAiOauth || account != null || storedApiKey != null;
        }
    }

    /**
     * @param home       the user's home folder
     * @param workingDir the folder Claude Code would start in (its project)
     * @param shell      the shell's environment
     * @return what Claude Code would see there
     */
    public static ClaudeCodeEnvironment read(Path home, Path workingDir, Map<String, String> shell) {
        Path configDir = Optional.ofNullable(shell.get(ClaudeCode.CONFIG_DIR)).filter(s -> !s.isBlank())
                .map(Path::of).orElse(home.resolve(".claude"));
        Path claudeJson = shell.containsKey(ClaudeCode.CONFIG_DIR) && !shell.get(ClaudeCode.CONFIG_DIR).isBlank()
                ? configDir.resolve(".claude.json") : home.resolve(".claude.json");
        List<SettingsFile> files = new ArrayList<>();
        files.add(settingsFile("user", configDir.resolve("settings.json")));
        Path project = workingDir.resolve(".claude");
        if (!project.normalize().equals(configDir.normalize())) {
            files.add(settingsFile("project", project.resolve("settings.json")));
        }
        files.add(settingsFile("local", project.resolve("settings.local.json")));

        Map<String, Value> variables = new LinkedHashMap<>();
        shell.forEach((name, value) -> variables.put(name, new Value(value, SHELL)));
        List<Shadowed> shadowed = new ArrayList<>();
        for (SettingsFile file : files) {
            JsonObject env = file.json().map(json -> json.get("env") instanceof JsonObject e ? e : null).orElse(null);
            if (env == null) {
                continue;
            }
            env.forEach((name, json) -> {
                Value value = new Value(json instanceof JsonString s ? s.getString() : json.toString(),
                        file.path().toString());
                Value hidden = variables.put(name, value);
                if (hidden != null && !hidden.value().equals(value.value())) {
                    shadowed.add(new Shadowed(name, value, hidden));
                }
            });
        }
        return new ClaudeCodeEnvironment(variables, List.copyOf(shadowed), List.copyOf(files),
                login(configDir.resolve(".credentials.json"), claudeJson));
    }

    /**
     * @param name a variable
     * @return its effective value, if it is set (possibly to the empty string)
     */
    public Optional<Value> get(String name) {
        return Optional.ofNullable(variables.get(name));
    }

    /**
     * @param name a variable
     * @return its effective value when it is set and not blank
     */
    public Optional<String> nonBlank(String name) {
        return get(name).map(Value::value).filter(v -> !v.isBlank());
    }

    private static SettingsFile settingsFile(String scope, Path path) {
        if (!Files.isRegularFile(path)) {
            return new SettingsFile(scope, path, Optional.empty(), null);
        }
        try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(
                Files.readString(path, StandardCharsets.UTF_8)))) {
            JsonValue json = reader.readValue();
            if (json instanceof JsonObject object) {
                return new SettingsFile(scope, path, Optional.of(object), null);
            }
            return new SettingsFile(scope, path, Optional.empty(), "it is not a JSON object");
        } catch (IOException | JsonException e) {
            return new SettingsFile(scope, path, Optional.empty(), "it is not valid JSON: " + e.getMessage());
        }
    }

    private static Login login(Path credentials, Path claudeJson) {
        boolean oauth = readObject(credentials).map(json -> json.get("claudeAiOauth") instanceof JsonObject)
                .orElse(false);
        Optional<JsonObject> state = readObject(claudeJson);
        String account = state.map(json -> json.get("oauthAccount") instanceof JsonObject o
                ? o.getString("emailAddress", "an account") : null).orElse(null);
        String storedKey = state.map(json -> json.get("primaryApiKey") instanceof JsonString s
                && !s.getString().isBlank() ? s.getString() : null).orElse(null);
        return new Login(oauth, account, storedKey, claudeJson, credentials);
    }

    private static Optional<JsonObject> readObject(Path path) {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try (JsonReader reader = JsonFactories.READERS.createReader(new StringReader(
                Files.readString(path, StandardCharsets.UTF_8)))) {
            return reader.readValue() instanceof JsonObject object ? Optional.of(object) : Optional.empty();
        } catch (IOException | JsonException e) {
            return Optional.empty();
        }
    }
}
