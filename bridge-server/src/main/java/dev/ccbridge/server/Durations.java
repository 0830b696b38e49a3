package dev.ccbridge.server;

import java.time.Duration;

/** Durations in the words a message to a person uses. */
public final class Durations {

    private Durations() {
    }

    /**
     * @param duration a duration
     * @return it in whole seconds when it is some ({@code 10 s}), else in milliseconds ({@code 400 ms})
     */
    public static String words(Duration duration) {
        return duration.toMillis() % 1000 == 0 ? duration.toSeconds() + " s" : duration.toMillis() + " ms";
    }
}
