/**
 * The scripted upstream: an OpenAI-compatible server that answers chat/completions requests from a {@link Script}
 * (ordered rules, each a condition on the request and the reply to give: text, reasoning, tool calls, usage,
 * errors, stalls), streamed or not, so real Claude Code sessions can run without a model. The replay harness plays
 * its scenarios with it, and {@code --demo} plays the built-in demo.
 */
package dev.ccbridge.server.scripted;
