/**
 * The replay harness: a scripted OpenAI-compatible upstream for recording real Claude Code sessions without a
 * model, and the replay of recorded sessions as deterministic conformance tests.
 */
package dev.ccbridge.replay;
