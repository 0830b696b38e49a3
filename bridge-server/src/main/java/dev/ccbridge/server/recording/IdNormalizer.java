package dev.ccbridge.server.recording;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one place where ids the bridge invents are made stable: each random message, request or tool-call id
 * ({@code msg_}, {@code req_}, {@code toolu_} followed by 24 base-62 characters) becomes {@code <prefix>rec} and a
 * number of at least four digits, counted per session in order of first appearance. Recording and replay run every
 * file of a session through one normalizer in the same order, so a replay compares equal to its recording exactly
 * when the bridge behaved the same. Text that is already normalised (a recorded client request that echoes earlier ids)
 * advances the count past the numbers it holds, so a replay that reads the recording stays in step. Not
 * thread-safe: one per session, used under the session's lock.
 */
public final class IdNormalizer {

    private static final Pattern GENERATED = Pattern.compile("\\b(msg|req|toolu)_[0-9A-Za-z]{24}\\b");
    private static final Pattern NORMALISED = Pattern.compile("\\b(?:msg|req|toolu)_rec(\\d{4,9})\\b");

    private final Map<String, String> replacements = new HashMap<>();
    private int next;

    /**
     * @param text any text
     * @return the text with every generated id replaced by its stable form
     */
    public String normalize(String text) {
        Matcher seen = NORMALISED.matcher(text);
        while (seen.find()) {
            next = Math.max(next, Integer.parseInt(seen.group(1)));
        }
        Matcher matcher = GENERATED.matcher(text);
        if (!matcher.find()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int last = 0;
        do {
            out.append(text, last, matcher.start());
            String id = matcher.group();
            String prefix = matcher.group(1);
            out.append(replacements.computeIfAbsent(id,
                    k -> prefix + "_rec" + String.format(Locale.ROOT, "%04d", ++next)));
            last = matcher.end();
        } while (matcher.find());
        return out.append(text, last, text.length()).toString();
    }
}
