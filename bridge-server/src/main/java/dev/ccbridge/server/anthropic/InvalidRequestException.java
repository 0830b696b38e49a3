package dev.ccbridge.server.anthropic;

/**
 * The client's request is not a valid Anthropic request. The message starts with the path of the offending
 * field ({@code messages.3.content.0.type: ...}) so the client can find it.
 */
public final class InvalidRequestException extends RuntimeException {

    /**
     * @param path    the field path, e.g. {@code messages.3.content.0.type}, or empty for the whole body
     * @param problem what is wrong with it
     */
    public InvalidRequestException(String path, String problem) {
        super(path.isEmpty() ? problem : path + ": " + problem, null, false, false);
    }
}
