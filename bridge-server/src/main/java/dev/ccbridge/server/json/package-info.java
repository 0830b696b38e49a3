/** Shared JSON-P plumbing: factories created once, and reading JSON text with precise errors. */
package dev.ccbridge.server.json;
