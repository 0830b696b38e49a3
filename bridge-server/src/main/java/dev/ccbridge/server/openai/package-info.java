/**
 * The OpenAI chat/completions wire as the bridge reads it: the upstream SSE decoder, typed chunks and completions
 * read leniently (nulls, missing keys, vendor fields), usage in its many placements, and error bodies.
 */
package dev.ccbridge.server.openai;
