package dev.ccbridge.server.http;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.server.anthropic.MessagesRequest;
import dev.ccbridge.server.translate.Translation;
import dev.ccbridge.server.upstream.ConfiguredUpstream;

/**
 * One exchange, translated and ready to send.
 *
 * @param exchange      the client-side facts
 * @param request       the client's request
 * @param upstream      the upstream chosen
 * @param upstreamModel the model asked of it
 * @param capabilities  that model's capabilities
 * @param translation   the translated request
 * @param outbound      the prepared upstream request
 * @param inputEstimate the local count of the translated prompt
 */
record Plan(Exchange exchange,
            MessagesRequest request,
            ConfiguredUpstream upstream,
            String upstreamModel,
            Capabilities capabilities,
            Translation translation,
            OutboundRequest outbound,
            int inputEstimate) {
}
