package dev.ccbridge.api;

/**
 * A model an upstream's catalog lists.
 *
 * @param id              the model id to send upstream
 * @param contextWindow   its context window in tokens, or {@code 0} when the catalog does not say
 * @param maxOutputTokens its output token cap, or {@code 0} when the catalog does not say
 */
public record CatalogModel(String id, int contextWindow, int maxOutputTokens) {
}
