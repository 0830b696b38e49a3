package dev.ccbridge.server.upstream;

import dev.ccbridge.api.UpstreamAdapter;
import dev.ccbridge.server.config.UpstreamSpec;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * An upstream ready to take requests: its adapter, its own pooled HTTP client, and a bound on the requests in
 * flight to it.
 *
 * @param name        its configured name
 * @param adapterId   the id of its adapter
 * @param adapter     the adapter
 * @param location    where the adapter was found (class path or plugin)
 * @param defaultModel the model to ask for when nothing maps the client's model, or {@code null}
 * @param client      its HTTP client
 * @param firstByteTimeout how long the upstream may take to start answering: its head and its first chunk
 * @param idleTimeout how long a started stream may stay silent
 * @param permits     requests in flight, bounded by {@code max-connections}
 */
public record ConfiguredUpstream(String name,
                                 String adapterId,
                                 UpstreamAdapter adapter,
                                 String location,
                                 String defaultModel,
                                 UpstreamClient client,
                                 Duration firstByteTimeout,
                                 Duration idleTimeout,
                                 Semaphore permits) {

    /**
     * @param spec     the upstream's configuration
     * @param adapter  its adapter
     * @param location where the adapter was found
     * @return the upstream
     */
    public static ConfiguredUpstream of(UpstreamSpec spec, UpstreamAdapter adapter, String location) {
        return new ConfiguredUpstream(spec.name(), spec.adapterId(), adapter, location, spec.defaultModel(),
                new UpstreamClient(spec.connectTimeout(), spec.firstByteTimeout(), spec.idleTimeout(),
                        spec.maxConnections()),
                spec.firstByteTimeout(), spec.idleTimeout(), new Semaphore(spec.maxConnections()));
    }

    /**
     * Takes a slot for one request, waiting up to the connect timeout for one to free up.
     *
     * @return whether a slot was taken; release it with {@link #release()}
     */
    public boolean acquire() {
        // The untimed attempt first: the timed one checks the thread's interrupt status even when a slot is free.
        if (permits.tryAcquire()) {
            return true;
        }
        try {
            return permits.tryAcquire(client.connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Gives back the slot of a finished request. */
    public void release() {
        permits.release();
    }
}
