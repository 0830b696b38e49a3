package dev.ccbridge.server.probe;

import dev.ccbridge.server.upstream.ConfiguredUpstream;

import io.helidon.config.Config;
import io.helidon.config.ConfigException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The latest probe of every upstream, refreshed in the background, so that a readiness check or {@code GET /health}
 * reads memory instead of calling upstreams on every request.
 *
 * <p>The bridge is <em>ready</em> when at least one upstream is configured and usable: it answered the last probe
 * and did not reject its key. Before the first probe has finished it is not ready.
 */
public final class UpstreamHealth {

    /** How often upstreams are probed again unless {@code bridge.probe-interval} says otherwise. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

    private static final System.Logger LOG = System.getLogger("ccbridge.probe");

    private final List<ConfiguredUpstream> upstreams;
    private final UpstreamProbe probe;
    private volatile List<UpstreamStatus> latest;

    /**
     * @param upstreams the configured upstreams
     * @param probe     the probe
     */
    public UpstreamHealth(List<ConfiguredUpstream> upstreams, UpstreamProbe probe) {
        this.upstreams = List.copyOf(upstreams);
        this.probe = probe;
    }

    /**
     * @param bridge the {@code bridge} configuration node
     * @return {@code bridge.probe-interval}, or {@link #DEFAULT_INTERVAL}
     * @throws IllegalArgumentException when it is not a positive duration
     */
    public static Duration interval(Config bridge) {
        Duration interval;
        try {
            interval = bridge.get("probe-interval").as(Duration.class).orElse(DEFAULT_INTERVAL);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("bridge.probe-interval must be a duration such as PT30S, got '"
                    + bridge.get("probe-interval").asString().orElse("") + "'");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("bridge.probe-interval must be longer than zero, got " + interval);
        }
        return interval;
    }

    /**
     * Probes every upstream now, within the probe's timeout, and keeps the results.
     *
     * @return the results, in configured order
     */
    public List<UpstreamStatus> refresh() {
        List<UpstreamStatus> results = probe.probeAll(upstreams, null);
        List<UpstreamStatus> before = latest;
        latest = results;
        for (int i = 0; i < results.size(); i++) {
            UpstreamStatus now = results.get(i);
            if (before != null && before.get(i).usable() != now.usable()) {
                LOG.log(now.usable() ? System.Logger.Level.INFO : System.Logger.Level.WARNING,
                        () -> "upstream '" + now.upstream() + "' " + now.describe());
            }
        }
        return results;
    }

    /**
     * Probes again every {@code interval} on a virtual thread, for as long as {@code keepGoing} holds.
     *
     * @param interval  the pause between probes
     * @param keepGoing checked before each probe, e.g. whether the server still runs
     */
    public void refreshEvery(Duration interval, BooleanSupplier keepGoing) {
        Thread.ofVirtual().name("health-probes").start(() -> {
            try {
                while (true) {
                    Thread.sleep(interval);
                    if (!keepGoing.getAsBoolean()) {
                        return;
                    }
                    try {
                        refresh();
                    } catch (RuntimeException e) {
                        LOG.log(System.Logger.Level.WARNING, "probing the upstreams failed", e);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * @return the latest results, or empty before the first probe has finished
     */
    public Optional<List<UpstreamStatus>> latest() {
        return Optional.ofNullable(latest);
    }

    /**
     * @return whether at least one upstream is configured and was usable at the latest probe
     */
    public boolean ready() {
        List<UpstreamStatus> results = latest;
        return results != null && results.stream().anyMatch(UpstreamStatus::usable);
    }

    /**
     * @return why the bridge is not ready, or {@code null} when it is
     */
    public String notReadyBecause() {
        List<UpstreamStatus> results = latest;
        if (upstreams.isEmpty()) {
            return "no upstream is configured";
        }
        if (results == null) {
            return "the first probe of the upstreams has not finished";
        }
        return results.stream().anyMatch(UpstreamStatus::usable) ? null : "no upstream is usable";
    }

    /**
     * @return the probe
     */
    public UpstreamProbe probe() {
        return probe;
    }
}
