/**
 * The upstream adapter SPI of ccbridge.
 *
 * <p>ccbridge accepts Anthropic Messages requests and forwards them to an OpenAI-compatible
 * {@code /chat/completions} endpoint. The translation engine is the only place that knows both protocols;
 * an <em>adapter</em> describes one kind of OpenAI-compatible upstream: where it lives and how to authenticate
 * ({@link dev.ccbridge.api.UpstreamAdapter#chatCompletionsUri(String)},
 * {@link dev.ccbridge.api.UpstreamAdapter#prepare(OutboundRequest)}), what it can do
 * ({@link dev.ccbridge.api.Capabilities}), how its stream deviates from the OpenAI wire format
 * ({@link dev.ccbridge.api.ChunkQuirk}), and what it reports back besides the completion
 * ({@link dev.ccbridge.api.ExchangeObserver}).
 *
 * <p>Adapters are found with {@link java.util.ServiceLoader} through {@link dev.ccbridge.api.UpstreamAdapterFactory}:
 * from the class path, and from jars dropped into the bridge's {@code plugins/} folder. A plugin is loaded in a
 * class loader of its own that sees the JDK, this package and Jakarta JSON-P only, so this package depends on
 * nothing else. Settings reach an adapter as plain strings ({@link dev.ccbridge.api.AdapterSettings}); the keys
 * an adapter names as secret are masked in every log line, summary and recording.
 *
 * <p>Compatibility: types in this package only gain members. Enums such as {@link dev.ccbridge.api.Feature}
 * gain constants over time, so adapters must not switch over them exhaustively.
 */
package dev.ccbridge.api;
