package dev.ccbridge.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Maps the model a client asks for to the upstream model: a forced model wins; then an exact name; then the
 * first matching glob ({@code *} any run of characters, {@code ?} one character, e.g. {@code claude-*haiku*});
 * then the upstream's own default model (JoyToken's {@code auto}); then the global default model; otherwise the
 * client's model goes upstream unchanged.
 *
 * @param exact        exact client model names and their upstream models
 * @param globs        glob patterns in declaration order and their upstream models
 * @param defaultModel the model for names nothing matches, or {@code null}
 * @param force        whether every request uses {@code defaultModel}
 */
public record ModelMapping(Map<String, String> exact, List<Glob> globs, String defaultModel, boolean force) {

    /**
     * @param pattern the glob as written
     * @param regex   the compiled pattern
     * @param model   the upstream model
     */
    public record Glob(String pattern, Pattern regex, String model) {
    }

    /**
     * @param entries      client model names or globs, in declaration order, and their upstream models
     * @param defaultModel the default model, or {@code null}
     * @param force        whether to force the default model
     * @return the mapping
     */
    public static ModelMapping of(Map<String, String> entries, String defaultModel, boolean force) {
        Map<String, String> exact = new LinkedHashMap<>();
        List<Glob> globs = new ArrayList<>();
        entries.forEach((pattern, model) -> {
            if (pattern.contains("*") || pattern.contains("?")) {
                globs.add(new Glob(pattern, compile(pattern), model));
            } else {
                exact.put(pattern, model);
            }
        });
        if (force && (defaultModel == null || defaultModel.isBlank())) {
            throw new IllegalArgumentException(
                    "FORCE_UPSTREAM_MODEL is set but no default model is: set DEFAULT_UPSTREAM_MODEL");
        }
        return new ModelMapping(Map.copyOf(exact), List.copyOf(globs),
                defaultModel == null || defaultModel.isBlank() ? null : defaultModel, force);
    }

    /**
     * @param clientModel     the model the client asked for
     * @param upstreamDefault the upstream's own default model, or {@code null}
     * @return the upstream model
     */
    public String resolve(String clientModel, String upstreamDefault) {
        if (force) {
            return defaultModel;
        }
        String mapped = exact.get(clientModel);
        if (mapped != null) {
            return mapped;
        }
        for (Glob glob : globs) {
            if (glob.regex().matcher(clientModel).matches()) {
                return glob.model();
            }
        }
        if (upstreamDefault != null) {
            return upstreamDefault;
        }
        return defaultModel != null ? defaultModel : clientModel;
    }

    /**
     * @param glob a model glob
     * @return it as a case-insensitive pattern
     */
    public static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
