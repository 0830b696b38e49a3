package dev.ccbridge.server.scripted;

/**
 * One rule of a script.
 *
 * @param name  a name for logs and failure messages
 * @param when  when it applies
 * @param times how many requests it may answer; {@code 0} for any number
 * @param reply the answer
 */
public record Rule(String name, Condition when, int times, Reply reply) {
}
