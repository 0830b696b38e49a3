package dev.ccbridge.server.http;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.server.translate.ToolNames;
import dev.ccbridge.server.upstream.ConfiguredUpstream;
import dev.ccbridge.server.upstream.Route;

import java.util.List;

/**
 * What an attempt at one upstream needs once its request is sent: everything but the request itself. A stream
 * holds this for as long as it runs, so the client's request, its translation and the bytes sent upstream (a
 * hundred kilobytes or more for a Claude Code turn) can go as soon as they are sent.
 *
 * @param exchange      the client-side facts
 * @param target        the upstream and the model asked of it
 * @param capabilities  that model's capabilities
 * @param prompt        the local count of the translated prompt, made when first needed
 * @param clientModel   the model the client asked for
 * @param stopSequences the client's stop sequences
 * @param toolNames     the tool-name aliases the translation used, for mapping names in the response back
 */
record Attempt(Exchange exchange,
               Route.Target target,
               Capabilities capabilities,
               PromptEstimate prompt,
               String clientModel,
               List<String> stopSequences,
               ToolNames toolNames) {

    /** @return the local count of the translated prompt */
    int inputEstimate() {
        return prompt.tokens();
    }

    ConfiguredUpstream upstream() {
        return target.upstream();
    }

    String upstreamModel() {
        return target.model();
    }
}
