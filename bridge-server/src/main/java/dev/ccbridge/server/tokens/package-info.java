/**
 * Local token counting with a real BPE tokenizer (o200k_base), over the translated request: what
 * {@code count_tokens} answers and what {@code message_start} reports before the upstream says.
 */
package dev.ccbridge.server.tokens;
