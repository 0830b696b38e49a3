/**
 * The HTTP surface: the Messages, count_tokens, models and health routes, caller authentication and limits, the
 * relay that runs one exchange with an upstream, streamed or not, the watcher that cancels the upstream request of
 * a client that went away, and Anthropic errors for everything Helidon would otherwise answer itself.
 */
package dev.ccbridge.server.http;
