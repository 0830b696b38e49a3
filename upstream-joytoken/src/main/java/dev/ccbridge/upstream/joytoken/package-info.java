/**
 * The JoyToken adapter ({@code joytoken}): JoyToken's OpenAI-compatible endpoint with its request id and
 * governance signals.
 */
package dev.ccbridge.upstream.joytoken;
