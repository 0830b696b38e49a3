/**
 * JMH benchmarks of the bridge's hot paths: reading and translating a Claude-Code-sized request, translating a
 * stream chunk, and writing an SSE event. Run {@code java -jar benchmarks/target/benchmarks.jar -prof gc} for time
 * and allocation per operation.
 */
package dev.ccbridge.benchmarks;
