/**
 * The scripted upstream: an OpenAI-compatible server that answers chat/completions requests from a
 * {@link dev.ccbridge.replay.script.Script}, streamed or not, so real Claude Code sessions can run without a model.
 */
package dev.ccbridge.replay.upstream;
