package dev.ccbridge.server.tokens;

import dev.ccbridge.server.json.RawStrings;

import jakarta.json.JsonObject;

/**
 * Estimates a translated request's prompt tokens without a tokenizer, for {@code message_start}: the upstream's
 * own count arrives with the last chunk, and until then Claude Code only needs to know roughly how big the prompt
 * is. Counts by character class, weights fitted to the o200k_base BPE: a token per word (and a quarter per letter
 * beyond six), per three digits of a number, per two ASCII symbols, 0.6 per run of white space other than a single
 * space, 0.75 per CJK (or other wide-script) character, 0.5 per other non-ASCII character. Within 1% of the BPE on
 * the recorded Claude Code sessions and 4% on a mix of prose, code, JSON and file listings, at a fraction of its
 * cost and none of its memory. Long texts, which Claude Code resends every turn, are counted once.
 */
public final class TokenEstimate {

    /** Letters of a word the first token covers; each further letter counts {@link #LONG_WORD_LETTER}. */
    private static final int SHORT_WORD = 6;
    private static final double LONG_WORD_LETTER = 0.25;
    private static final double SYMBOL = 0.5;
    private static final double SPACE_RUN = 0.6;
    private static final double WIDE = 0.75;
    private static final double OTHER = 0.5;
    /** From CJK radicals on: the scripts whose characters the BPE takes nearly one at a time. */
    private static final char WIDE_SCRIPTS = 0x2E80;
    /** Scanning a shorter text costs about what looking it up would. */
    private static final int CACHE_MIN_LENGTH = 256;
    private static final long CACHE_MAX_BYTES = 16L * 1024 * 1024;
    /** A count depends on the text alone, so one cache serves every bridge in the process. */
    private static final CountCache<String> CACHE = new CountCache<>(String::length, text -> text, CACHE_MAX_BYTES);
    private static final RequestTokens REQUESTS = new RequestTokens(TokenEstimate::cachedText);

    private TokenEstimate() {
    }

    /**
     * @param request an OpenAI chat/completions request body
     * @param source  the long strings of the client request it was translated from, or {@code null}
     * @return about the tokens its prompt will take
     */
    public static int countRequest(JsonObject request, RawStrings source) {
        return REQUESTS.countRequest(request, source);
    }

    private static int cachedText(String text) {
        return text.length() < CACHE_MIN_LENGTH ? text(text) : CACHE.count(text, text, TokenEstimate::text);
    }

    /**
     * @param text any text
     * @return about its tokens
     */
    static int text(String text) {
        double tokens = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            int end = i + 1;
            if (letter(c)) {
                while (end < n && letter(text.charAt(end))) {
                    end++;
                }
                tokens += 1 + Math.max(0, end - i - SHORT_WORD) * LONG_WORD_LETTER;
            } else if (c >= '0' && c <= '9') {
                while (end < n && text.charAt(end) >= '0' && text.charAt(end) <= '9') {
                    end++;
                }
                tokens += (end - i + 2) / 3;
            } else if (space(c)) {
                while (end < n && space(text.charAt(end))) {
                    end++;
                }
                // A single space joins the next word's token.
                tokens += c == ' ' && end - i == 1 ? 0 : SPACE_RUN;
            } else if (c < 0x80) {
                tokens += SYMBOL;
            } else {
                tokens += c >= WIDE_SCRIPTS ? WIDE : OTHER;
            }
            i = end;
        }
        return n == 0 ? 0 : Math.max(1, (int) Math.round(tokens));
    }

    private static boolean letter(char c) {
        return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
    }

    private static boolean space(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r';
    }
}
