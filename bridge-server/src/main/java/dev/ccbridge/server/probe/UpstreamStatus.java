package dev.ccbridge.server.probe;

import dev.ccbridge.api.CatalogModel;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What one probe of one upstream found. Texts are masked: no key ever appears in them.
 *
 * @param upstream     the upstream's name
 * @param target       the URL probed (the model catalog, or the chat/completions URL when there is none)
 * @param reachable    whether the upstream answered (any HTTP status counts) or accepted a connection
 * @param key          what the answer says of the key
 * @param catalog      the catalog's models when it was fetched
 * @param defaultModel the model requests go to when nothing maps the client's model, or {@code null}
 * @param listing      whether the catalog lists {@code defaultModel}
 * @param problem      what went wrong (unreachable, or what the upstream answered), or {@code null}
 * @param took         how long the probe took
 * @param at           when it ran
 */
public record UpstreamStatus(String upstream,
                             String target,
                             boolean reachable,
                             KeyStatus key,
                             Optional<List<CatalogModel>> catalog,
                             String defaultModel,
                             ModelListing listing,
                             String problem,
                             Duration took,
                             Instant at) {

    /**
     * @return whether requests can succeed as far as a probe can tell: the upstream answers and has not rejected
     *         the key
     */
    public boolean usable() {
        return reachable && key != KeyStatus.REJECTED;
    }

    /**
     * @param model an upstream model
     * @return whether the fetched catalog lists it; {@link ModelListing#UNKNOWN} without a catalog
     */
    public ModelListing lists(String model) {
        return listing(model, catalog);
    }

    static ModelListing listing(String model, Optional<List<CatalogModel>> catalog) {
        if (model == null) {
            return ModelListing.UNKNOWN;
        }
        if (model.equals("auto") || model.endsWith("/auto")) {
            return ModelListing.ROUTED_BY_UPSTREAM;
        }
        return catalog.map(models -> models.stream().anyMatch(m -> m.id().equals(model))
                ? ModelListing.LISTED : ModelListing.NOT_LISTED).orElse(ModelListing.UNKNOWN);
    }

    /**
     * @param model an upstream model
     * @return what the catalog says of it, if it lists it
     */
    public Optional<CatalogModel> find(String model) {
        return catalog.flatMap(models -> models.stream().filter(m -> m.id().equals(model)).findFirst());
    }

    /**
     * @return one line for people, e.g. {@code reachable in 84 ms, key accepted, 57 models, default model 'auto'
     *         routed by the upstream}
     */
    public String describe() {
        if (!reachable) {
            return "UNREACHABLE: " + problem + " (" + target + ")";
        }
        StringBuilder text = new StringBuilder("reachable in ").append(took.toMillis()).append(" ms, ");
        text.append(switch (key) {
            case ACCEPTED -> "key accepted";
            case REJECTED -> "KEY REJECTED: " + problem;
            case UNCHECKED -> "key not checked (" + problem + ")";
            case FORWARDED -> "no key of its own: forwards the caller's";
        });
        catalog.ifPresent(models -> text.append(", ").append(models.size()).append(models.size() == 1
                ? " model" : " models"));
        if (defaultModel != null) {
            text.append(", default model '").append(defaultModel).append('\'').append(switch (listing) {
                case LISTED -> " listed";
                case NOT_LISTED -> " NOT in its catalog";
                case ROUTED_BY_UPSTREAM -> " routed by the upstream";
                case UNKNOWN -> "";
            });
        }
        return text.toString();
    }
}
