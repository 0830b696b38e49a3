/**
 * The real Claude Code CLI, for real: scenarios that run {@code claude -p} through an in-process bridge against
 * the scripted upstream, check the final result and the files the tools made, and optionally record the session
 * for the replay corpus.
 */
package dev.ccbridge.replay.live;
