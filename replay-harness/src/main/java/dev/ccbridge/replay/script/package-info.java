/**
 * Scripts for the scripted upstream: ordered rules, each a condition on the chat/completions request and the
 * reply to give (text, reasoning, tool calls, usage, errors, stalls).
 */
package dev.ccbridge.replay.script;
