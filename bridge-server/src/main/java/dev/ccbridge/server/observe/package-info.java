/**
 * What happens to an exchange once it is over: the summary every exchange produces, and the sinks that write it
 * to the console log, the Prometheus meters, the JSON-lines exchange log and the usage store, whatever is
 * configured. Also the payload log, which sees the bodies as they pass, and what reads the usage store back: the
 * {@code usage} command's report, shared with {@code GET /v1/usage}.
 */
package dev.ccbridge.server.observe;
