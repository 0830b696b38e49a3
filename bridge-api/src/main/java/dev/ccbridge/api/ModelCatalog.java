package dev.ccbridge.api;

import jakarta.json.JsonStructure;

import java.net.URI;
import java.util.List;

/**
 * Where an upstream lists its models and how to read the list. The bridge fetches it (with the adapter's
 * {@link UpstreamAdapter#authHeaders(String)}) to answer {@code GET /v1/models} and for {@code doctor}.
 */
public interface ModelCatalog {

    /**
     * @return the catalog's URL, on the configured upstream
     */
    URI uri();

    /**
     * @param body the catalog response body
     * @return the models it lists
     */
    List<CatalogModel> read(JsonStructure body);
}
