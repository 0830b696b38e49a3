package dev.ccbridge.server.anthropic;

import java.util.List;

/**
 * One turn of the conversation. String content is read as one text block.
 *
 * @param role    who wrote it
 * @param content its blocks, in order
 */
public record Message(Role role, List<ContentBlock> content) {
}
