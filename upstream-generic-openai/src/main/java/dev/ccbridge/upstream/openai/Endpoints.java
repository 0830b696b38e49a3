package dev.ccbridge.upstream.openai;

import java.net.URI;

/** Where chat/completions and the model list live for a configured base URL. */
public final class Endpoints {

    private static final String CHAT_COMPLETIONS = "/chat/completions";
    private static final String MODELS = "/models";

    private Endpoints() {
    }

    /**
     * @param baseUrl a base URL such as {@code https://api.example.com/v1}, or a full
     *                {@code .../chat/completions} URL; a trailing slash and a query string are allowed
     * @return the chat/completions URL, with the base's query string
     */
    public static URI chatCompletions(URI baseUrl) {
        String text = baseUrl.toString();
        int query = text.indexOf('?');
        String base = query < 0 ? text : text.substring(0, query);
        String suffix = query < 0 ? "" : text.substring(query);
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base.endsWith(CHAT_COMPLETIONS) ? base + suffix : base + CHAT_COMPLETIONS + suffix);
    }

    /**
     * @param baseUrl a base URL as for {@link #chatCompletions(URI)}
     * @return the OpenAI model list next to chat/completions, with the base's query string
     */
    public static URI models(URI baseUrl) {
        String text = chatCompletions(baseUrl).toString();
        int end = text.lastIndexOf(CHAT_COMPLETIONS);
        return URI.create(text.substring(0, end) + MODELS + text.substring(end + CHAT_COMPLETIONS.length()));
    }
}
