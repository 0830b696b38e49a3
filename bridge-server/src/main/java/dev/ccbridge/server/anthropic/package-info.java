/**
 * The Anthropic Messages protocol as ccbridge reads and writes it: the request model (records and sealed
 * interfaces, each with an {@code Unknown} member so a new block type never breaks a request), its reader with
 * field-path validation errors, the stream events and their SSE framing, and the error envelope.
 */
package dev.ccbridge.server.anthropic;
