/**
 * The adapter for any OpenAI-compatible {@code /chat/completions} endpoint, selected as {@code generic-openai},
 * with settings for the base URL, the key, and the capability overrides.
 */
package dev.ccbridge.upstream.openai;
