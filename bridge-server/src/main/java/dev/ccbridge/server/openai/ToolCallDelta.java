package dev.ccbridge.server.openai;

/**
 * A piece of a streamed tool call. Fields that do not change are absent ({@code null}); empty strings in
 * {@code id} and {@code name} mean the same.
 *
 * @param index     which call of the turn this continues
 * @param id        the call id, when this piece carries it
 * @param name      the function name, when this piece carries it
 * @param arguments a fragment of the arguments JSON text, or {@code null}
 */
public record ToolCallDelta(int index, String id, String name, String arguments) {
}
