package dev.ccbridge.server.scripted;

import java.util.List;

/**
 * A scripted model: rules tried in order for each request; the first that applies and is not used up answers.
 *
 * @param description what the script plays
 * @param rules       the rules
 * @param fallback    the answer when no rule applies
 */
public record Script(String description, List<Rule> rules, Reply fallback) {
}
