/**
 * What happens to an exchange once it is over: the summary every exchange produces, and the sinks that write it
 * to the console log, count it in the Prometheus meters, and whatever else is configured.
 */
package dev.ccbridge.server.observe;
