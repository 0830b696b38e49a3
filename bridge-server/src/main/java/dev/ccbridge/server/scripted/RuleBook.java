package dev.ccbridge.server.scripted;


/** Chooses the reply to a request: the first rule that applies and is not used up. Thread-safe. */
final class RuleBook {

    /**
     * @param rule  the rule that answered, or {@code null} for the fallback
     * @param reply the reply
     */
    record Choice(Rule rule, Reply reply) {
    }

    private final Script script;
    private final int[] uses;

    RuleBook(Script script) {
        this.script = script;
        this.uses = new int[script.rules().size()];
    }

    synchronized Choice choose(ChatRequestView request) {
        for (int i = 0; i < script.rules().size(); i++) {
            Rule rule = script.rules().get(i);
            if ((rule.times() == 0 || uses[i] < rule.times()) && holds(rule.when(), request)) {
                uses[i]++;
                return new Choice(rule, rule.reply());
            }
        }
        return new Choice(null, script.fallback());
    }

    private static boolean holds(Condition when, ChatRequestView request) {
        return (when.lastRole() == null || when.lastRole().equals(request.lastRole()))
                && (when.lastContains() == null || request.lastText().contains(when.lastContains()))
                && (when.anyContains() == null || request.allText().contains(when.anyContains()))
                && (when.noneContains() == null || !request.allText().contains(when.noneContains()))
                && (when.systemContains() == null || request.systemText().contains(when.systemContains()))
                && (when.hasTool() == null || request.toolName(when.hasTool()) != null)
                && (when.stream() == null || when.stream() == request.stream())
                && (when.turn() == null || when.turn() == request.assistantTurns())
                && (when.responseFormat() == null || when.responseFormat() == request.asksForJsonSchema());
    }
}
