package dev.ccbridge.server.http;

import dev.ccbridge.server.upstream.Cancellation;

import java.time.Instant;

/**
 * What the bridge knows about one client request while it runs.
 *
 * @param requestId      the id returned in {@code request-id} and sent upstream
 * @param callerKey      the caller's key to forward to an upstream that has none of its own (never the gateway
 *                       key), or {@code null}
 * @param keyFingerprint the fingerprint of the key the caller presented (gateway key or its own), or {@code null}
 * @param sessionId      Claude Code's {@code X-Claude-Code-Session-Id}, or {@code null}
 * @param arrived        when the request arrived, by the bridge's clock
 * @param startNanos     when the request arrived ({@link System#nanoTime()})
 * @param cancellation   cancelled when the client goes away, to release the upstream request at once
 */
record Exchange(String requestId, String callerKey, String keyFingerprint, String sessionId, Instant arrived,
                long startNanos, Cancellation cancellation) {
}
