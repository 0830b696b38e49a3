package dev.ccbridge.server.fuzz;

/**
 * Rations an expensive check while fuzzing: it runs on every input in regression mode (the saved inputs) and on
 * one input in {@value #EVERY} while Jazzer is fuzzing, where running it every time would cut the executions per
 * second by more than the check is worth.
 */
final class FuzzBudget {

    static final int EVERY = 32;
    private static final boolean FUZZING = isSet(System.getenv("JAZZER_FUZZ"))
            || isSet(System.getProperty("JAZZER_FUZZ"));

    private long calls;

    /**
     * @return whether the check should run this time
     */
    boolean take() {
        return !FUZZING || calls++ % EVERY == 0;
    }

    private static boolean isSet(String value) {
        return value != null && !value.isEmpty() && !value.equals("0") && !value.equalsIgnoreCase("false");
    }
}
