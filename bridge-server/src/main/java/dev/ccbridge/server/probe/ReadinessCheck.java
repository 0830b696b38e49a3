package dev.ccbridge.server.probe;

import io.helidon.health.HealthCheck;
import io.helidon.health.HealthCheckResponse;
import io.helidon.health.HealthCheckType;

import java.util.List;

/**
 * The readiness check behind {@code /observe/health/ready}: up when at least one upstream is configured and was
 * usable at the latest background probe. It reads {@link UpstreamHealth}'s memory, so a load balancer polling it
 * every second costs the upstreams nothing.
 */
public final class ReadinessCheck implements HealthCheck {

    private final UpstreamHealth health;

    /**
     * @param health the probe results
     */
    public ReadinessCheck(UpstreamHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckType type() {
        return HealthCheckType.READINESS;
    }

    @Override
    public String name() {
        return "upstreams";
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponse.Builder response = HealthCheckResponse.builder().status(health.ready());
        String notReady = health.notReadyBecause();
        if (notReady != null) {
            response.detail("reason", notReady);
        }
        for (UpstreamStatus status : health.latest().orElse(List.of())) {
            response.detail(status.upstream(), status.describe());
        }
        return response.build();
    }
}
