package dev.ccbridge.server.observe;

/**
 * Receives every finished exchange. Called on the request's thread after the client has its answer, so it must
 * be quick and must not throw.
 */
@FunctionalInterface
public interface ExchangeSink {

    /**
     * @param summary the finished exchange
     */
    void exchangeFinished(ExchangeSummary summary);
}
