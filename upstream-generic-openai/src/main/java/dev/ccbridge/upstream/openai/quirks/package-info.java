/**
 * One class per way an OpenAI-compatible upstream deviates from the OpenAI wire format. Each has a narrow gate:
 * it touches only chunks that show its deviation.
 */
package dev.ccbridge.upstream.openai.quirks;
