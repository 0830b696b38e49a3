package dev.ccbridge.server.upstream;

import dev.ccbridge.server.config.ModelMapping;
import dev.ccbridge.server.config.RouteSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Chooses the upstreams and upstream models for a client's model: a catalog id
 * ({@code claude-via-<upstream>/<model>}) names both; else the first route whose globs match; else every upstream in
 * configured order. Each upstream is asked for the route's model for it, or what the model mapping says.
 */
public final class Router {

    private record CompiledRoute(List<Pattern> match, RouteSpec spec) {
    }

    private final List<ConfiguredUpstream> upstreams;
    private final Map<String, ConfiguredUpstream> byName = new LinkedHashMap<>();
    private final List<CompiledRoute> routes = new ArrayList<>();
    private final ModelMapping models;

    /**
     * @param upstreams the configured upstreams, in order
     * @param routes    the configured routes
     * @param models    the model mapping
     */
    public Router(List<ConfiguredUpstream> upstreams, List<RouteSpec> routes, ModelMapping models) {
        this.upstreams = List.copyOf(upstreams);
        this.models = models;
        upstreams.forEach(upstream -> byName.put(upstream.name(), upstream));
        for (RouteSpec route : routes) {
            this.routes.add(new CompiledRoute(route.match().stream().map(ModelMapping::compile).toList(), route));
        }
    }

    /**
     * @param clientModel the model the client asked for
     * @return the route
     * @throws NotConfiguredException       when no upstream is configured
     * @throws UnknownCatalogModelException for a catalog id of an upstream that is not configured
     */
    public Route route(String clientModel) {
        if (upstreams.isEmpty()) {
            throw new NotConfiguredException();
        }
        Route catalogModel = catalogRoute(clientModel);
        if (catalogModel != null) {
            return catalogModel;
        }
        for (CompiledRoute route : routes) {
            if (route.match().stream().anyMatch(p -> p.matcher(clientModel).matches())) {
                List<Route.Target> targets = new ArrayList<>();
                for (RouteSpec.Target target : route.spec().targets()) {
                    ConfiguredUpstream upstream = byName.get(target.upstream());
                    String model = target.model() != null ? target.model()
                            : models.resolve(clientModel, upstream.defaultModel());
                    targets.add(new Route.Target(upstream, model, route.spec().options()));
                }
                return new Route(List.copyOf(targets), route.spec().retries());
            }
        }
        List<Route.Target> targets = new ArrayList<>();
        for (ConfiguredUpstream upstream : upstreams) {
            targets.add(new Route.Target(upstream, models.resolve(clientModel, upstream.defaultModel()), Map.of()));
        }
        return new Route(List.copyOf(targets), 0);
    }

    /**
     * {@code claude-via-<upstream>/<model>}, the ids {@code GET /v1/models} lists for the upstreams' catalog
     * models: that model of that upstream, nothing else.
     *
     * @throws UnknownCatalogModelException when the id names no configured upstream or no model
     */
    private Route catalogRoute(String clientModel) {
        if (!clientModel.startsWith(ModelCatalogs.PREFIX)) {
            return null;
        }
        String rest = clientModel.substring(ModelCatalogs.PREFIX.length());
        int slash = rest.indexOf('/');
        ConfiguredUpstream upstream = slash > 0 ? byName.get(rest.substring(0, slash)) : null;
        if (upstream == null || slash == rest.length() - 1) {
            throw new UnknownCatalogModelException("model '" + clientModel + "' names no configured upstream and "
                    + "model; catalog ids are " + ModelCatalogs.PREFIX + "<upstream>/<model> with an upstream of "
                    + byName.keySet() + " (GET /v1/models lists them)");
        }
        return new Route(List.of(new Route.Target(upstream, rest.substring(slash + 1), Map.of())), 0);
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
