package dev.ccbridge.server.anthropic;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.util.List;

/** A content block of a request message. {@link Unknown} keeps any type the bridge does not know. */
public sealed interface ContentBlock {

    /**
     * @param text the text
     */
    record Text(String text) implements ContentBlock {
    }

    /**
     * @param source where the image comes from
     */
    record Image(MediaSource source) implements ContentBlock {
    }

    /**
     * @param source  the document's content
     * @param title   its title, or {@code null}
     * @param context extra context the client gave, or {@code null}
     */
    record Document(MediaSource source, String title, String context) implements ContentBlock {
    }

    /**
     * @param id    the tool call id
     * @param name  the tool name
     * @param input the arguments object, carried verbatim
     */
    record ToolUse(String id, String name, JsonValue input) implements ContentBlock {
    }

    /**
     * @param toolUseId the id of the call this answers
     * @param content   the result blocks (a string result is one text block)
     * @param isError   whether the tool failed
     */
    record ToolResult(String toolUseId, List<ContentBlock> content, boolean isError) implements ContentBlock {
    }

    /**
     * @param thinking  the reasoning text
     * @param signature the signature the block was issued with, verbatim
     */
    record Thinking(String thinking, String signature) implements ContentBlock {
    }

    /** Encrypted reasoning from Anthropic; no OpenAI upstream can read it. */
    record RedactedThinking() implements ContentBlock {
    }

    /**
     * A tool search result naming a deferred tool (Claude Code's ToolSearch).
     *
     * @param toolName the referenced tool
     */
    record ToolReference(String toolName) implements ContentBlock {
    }

    /**
     * A block type the bridge does not know; ignored on translation.
     *
     * @param type its type
     * @param raw  the block as received
     */
    record Unknown(String type, JsonObject raw) implements ContentBlock {
    }
}
