/**
 * The bridge's settings, read once at startup from Helidon Config: {@code application.yaml} defaults, an
 * optional user YAML file, and environment variables, including the names the JoyToken and claude-code-proxy
 * guides use ({@code JOY_TOKEN_API_KEY}, {@code UPSTREAM_BASE_URL}, {@code MODEL_MAP_JSON}...).
 */
package dev.ccbridge.server.config;
