package dev.ccbridge.server.anthropic;

/** The author of a message. Claude Code sends {@code system} messages inside {@code messages[]} too. */
public enum Role {
    USER, ASSISTANT, SYSTEM
}
