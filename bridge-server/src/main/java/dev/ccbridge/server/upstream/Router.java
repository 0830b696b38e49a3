package dev.ccbridge.server.upstream;

import dev.ccbridge.server.config.ModelMapping;

import java.util.List;

/** Chooses the upstream model and the upstreams for a client's model. */
public final class Router {

    private final List<ConfiguredUpstream> upstreams;
    private final ModelMapping models;

    /**
     * @param upstreams the configured upstreams, the default first
     * @param models    the model mapping
     */
    public Router(List<ConfiguredUpstream> upstreams, ModelMapping models) {
        this.upstreams = List.copyOf(upstreams);
        this.models = models;
    }

    /**
     * @param clientModel the model the client asked for
     * @return the route
     * @throws NotConfiguredException when no upstream is configured
     */
    public Route route(String clientModel) {
        if (upstreams.isEmpty()) {
            throw new NotConfiguredException();
        }
        return new Route(models.resolve(clientModel), List.of(upstreams.getFirst()));
    }

    /**
     * @return the configured upstreams
     */
    public List<ConfiguredUpstream> upstreams() {
        return upstreams;
    }

    /**
     * @return the model mapping
     */
    public ModelMapping models() {
        return models;
    }
}
