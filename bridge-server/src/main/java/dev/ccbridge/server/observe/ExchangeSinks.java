package dev.ccbridge.server.observe;

import java.util.List;

/**
 * Hands each finished exchange to every configured sink in turn; a sink that fails is logged and does not keep the
 * others from their turn.
 *
 * @param sinks the sinks, in order
 */
public record ExchangeSinks(List<ExchangeSink> sinks) implements ExchangeSink {

    private static final System.Logger LOG = System.getLogger("ccbridge.exchange");

    /**
     * @param sinks the sinks, in order
     */
    public ExchangeSinks {
        sinks = List.copyOf(sinks);
    }

    @Override
    public void exchangeFinished(ExchangeSummary summary) {
        for (ExchangeSink sink : sinks) {
            try {
                sink.exchangeFinished(summary);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "could not record exchange " + summary.requestId() + " in "
                        + sink.getClass().getSimpleName(), e);
            }
        }
    }
}
