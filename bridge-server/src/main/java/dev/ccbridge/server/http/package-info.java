/**
 * The HTTP surface: the Messages, count_tokens, models and health routes, caller authentication, and the relay
 * that runs one exchange with an upstream, streamed or not.
 */
package dev.ccbridge.server.http;
