package dev.ccbridge.server.scripted;

/**
 * When a rule applies; every field that is set must hold.
 *
 * @param lastRole       the role of the request's last message ({@code user}, {@code tool}, {@code system})
 * @param lastContains   text the last message contains
 * @param anyContains    text any message contains
 * @param noneContains   text no message contains
 * @param systemContains text the first system message contains
 * @param hasTool        a tool (by its Anthropic name) the request offers
 * @param stream         whether the request streams
 * @param turn           the number of assistant messages already in the conversation
 * @param responseFormat whether the request asks for a JSON schema answer ({@code response_format}), as Claude
 *                       Code's title generation does
 */
public record Condition(String lastRole,
                        String lastContains,
                        String anyContains,
                        String noneContains,
                        String systemContains,
                        String hasTool,
                        Boolean stream,
                        Integer turn,
                        Boolean responseFormat) {

    /** A condition that always holds. */
    public static final Condition ALWAYS = new Condition(null, null, null, null, null, null, null, null, null);
}
