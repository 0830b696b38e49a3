/**
 * Streaming translation: an explicit state machine that turns OpenAI chat/completions chunks into Anthropic
 * Messages stream events, one chunk in, a list of events out.
 */
package dev.ccbridge.server.stream;
