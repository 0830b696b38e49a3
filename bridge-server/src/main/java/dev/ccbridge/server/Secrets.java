package dev.ccbridge.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every secret the bridge knows (configured upstream keys, the gateway key, any setting an adapter names as
 * secret), so that text bound for a log line, the startup summary, an error message or a recording can be
 * masked before it leaves the process.
 */
public final class Secrets {

    private static final int MIN_SECRET_LENGTH = 4;
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
     * @param text       any text, or {@code null}
     * @param alsoSecret one more secret for this text only, e.g. the key a caller forwarded, or {@code null}
     * @return the text with every known secret and {@code alsoSecret} replaced by their masked forms
     */
    public String mask(String text, String alsoSecret) {
        String masked = mask(text);
        return masked == null || alsoSecret == null || alsoSecret.isEmpty() || !masked.contains(alsoSecret) ? masked
                : masked.replace(alsoSecret, masked(alsoSecret));
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
