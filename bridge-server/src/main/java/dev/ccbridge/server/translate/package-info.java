/**
 * Translation between Anthropic Messages and OpenAI chat/completions: the request direction, the non-streaming
 * response direction, and the tables both share (stop reasons, usage, errors). The streaming direction is in
 * {@code dev.ccbridge.server.stream}.
 */
package dev.ccbridge.server.translate;
