package dev.ccbridge.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Every secret the bridge knows (configured upstream keys, the gateway key, any setting an adapter names as
 * secret), so that text bound for a log line, the startup summary, an error message or a recording can be
 * masked before it leaves the process.
 */
public final class Secrets {

    private static final int MIN_SECRET_LENGTH = 4;
    private static final String HEADER_SETTING = "headers.";
    /** Header names that say their value is a credential: X-Token, X-Api-Key, Authorization, Cookie... */
    private static final Pattern CREDENTIAL_HEADER = Pattern.compile(
            "(?i).*(auth|key|token|secret|passw|cookie|session|signature|credential).*");
    private final List<String> values = new CopyOnWriteArrayList<>();

    /**
     * @param secret a secret value; blank and very short values are ignored
     */
    public void add(String secret) {
        if (secret != null && secret.strip().length() >= MIN_SECRET_LENGTH && !values.contains(secret.strip())) {
            List<String> sorted = new ArrayList<>(values);
            sorted.add(secret.strip());
            sorted.sort(Comparator.comparingInt(String::length).reversed());
            values.clear();
            values.addAll(sorted);
        }
    }

    /**
     * Adds the values of an upstream's {@code headers.<Name>} settings (request headers an adapter sends) whose
     * names say they carry a credential. Adapters declare their secret settings by exact key, so a header
     * configured under a name of the user's choosing cannot be declared; other headers, such as OpenRouter's
     * {@code HTTP-Referer}, stay readable.
     *
     * @param settings an upstream's adapter settings
     */
    public void addCredentialHeaders(Map<String, String> settings) {
        settings.forEach((key, value) -> {
            if (key.startsWith(HEADER_SETTING)
                    && CREDENTIAL_HEADER.matcher(key.substring(HEADER_SETTING.length())).matches()) {
                add(value);
            }
        });
    }

    /**
     * @param secret one more secret, e.g. the key a caller presented, which only that caller's exchange knows
     * @return these secrets and that one, leaving these unchanged
     */
    public Secrets and(String secret) {
        Secrets more = new Secrets();
        more.values.addAll(values);
        more.add(secret);
        return more;
    }

    /**
     * @param text any text
     * @return the text with every known secret replaced by its masked form
     */
    public String mask(String text) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (String secret : values) {
            if (out.contains(secret)) {
                out = out.replace(secret, masked(secret));
            }
        }
        return out;
    }

    /**
     * @param text any text
     * @return the text with every known secret replaced by {@code [redacted]}, for files that must not even
     *         hint at a key
     */
    public String redact(String text) {
        String out = text;
        for (String secret : values) {
            if (out.contains(secret)) {
                out = out.replace(secret, "[redacted]");
            }
        }
        return out;
    }

    /**
     * @param secret a secret
     * @return a form that identifies it to its owner without revealing it: {@code ****} and its last four
     *         characters
     */
    public static String masked(String secret) {
        if (secret == null || secret.isEmpty()) {
            return "(none)";
        }
        return secret.length() < 12 ? "****" : "****" + secret.substring(secret.length() - 4);
    }
}
