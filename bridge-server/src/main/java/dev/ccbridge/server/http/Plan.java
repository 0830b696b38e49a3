package dev.ccbridge.server.http;

import dev.ccbridge.api.OutboundRequest;

/**
 * One attempt at one upstream, translated and ready to send.
 *
 * @param attempt  what the attempt needs once the request is sent
 * @param outbound the prepared upstream request
 * @param body     the outbound body as sent
 */
record Plan(Attempt attempt, OutboundRequest outbound, byte[] body) {
}
