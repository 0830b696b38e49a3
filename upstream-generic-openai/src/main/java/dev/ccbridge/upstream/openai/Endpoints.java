package dev.ccbridge.upstream.openai;

import java.net.URI;

/** Where chat/completions lives for a configured base URL. */
public final class Endpoints {

    private static final String CHAT_COMPLETIONS = "/chat/completions";

    private Endpoints() {
    }

    /**
     * @param baseUrl a base URL such as {@code https://api.example.com/v1}, or a full
     *                {@code .../chat/completions} URL
     * @return the chat/completions URL
     */
    public static URI chatCompletions(URI baseUrl) {
        String text = baseUrl.toString();
        String path = baseUrl.getPath() == null ? "" : baseUrl.getPath();
        if (path.endsWith(CHAT_COMPLETIONS)) {
            return baseUrl;
        }
        int query = text.indexOf('?');
        String base = query < 0 ? text : text.substring(0, query);
        String suffix = query < 0 ? "" : text.substring(query);
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + CHAT_COMPLETIONS + suffix);
    }
}
