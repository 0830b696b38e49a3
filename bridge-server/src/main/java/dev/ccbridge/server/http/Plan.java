package dev.ccbridge.server.http;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.OutboundRequest;
import dev.ccbridge.server.anthropic.MessagesRequest;
import dev.ccbridge.server.translate.Translation;
import dev.ccbridge.server.upstream.ConfiguredUpstream;
import dev.ccbridge.server.upstream.Route;

/**
 * One attempt at one upstream, translated and ready to send.
 *
 * @param exchange      the client-side facts
 * @param request       the client's request
 * @param target        the upstream and the model asked of it
 * @param capabilities  that model's capabilities
 * @param translation   the translated request
 * @param outbound      the prepared upstream request
 * @param body          the outbound body as sent
 * @param inputEstimate the local count of the translated prompt
 */
record Plan(Exchange exchange,
            MessagesRequest request,
            Route.Target target,
            Capabilities capabilities,
            Translation translation,
            OutboundRequest outbound,
            byte[] body,
            int inputEstimate) {

    ConfiguredUpstream upstream() {
        return target.upstream();
    }

    String upstreamModel() {
        return target.model();
    }
}
