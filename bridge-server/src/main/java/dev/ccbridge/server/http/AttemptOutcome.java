package dev.ccbridge.server.http;

import dev.ccbridge.server.anthropic.AnthropicError;

/** How one attempt at an upstream ended. */
sealed interface AttemptOutcome {

    /** The client got its response: the answer, or an error event in a stream that had started. */
    record Answered() implements AttemptOutcome {
    }

    /** The client went away; the upstream request was cancelled. */
    record Abandoned() implements AttemptOutcome {
    }

    /**
     * Nothing went to the client yet.
     *
     * @param error    the error to give the client if no other upstream does better
     * @param fallback whether the next upstream of the route may be tried (connect failure, timeout, 429, 5xx)
     */
    record Failed(AnthropicError error, boolean fallback) implements AttemptOutcome {

        /**
         * @param error an error before the response started
         * @return the outcome, eligible for fallback when the upstream was unreachable, slow, limited or failing
         */
        static Failed of(AnthropicError error) {
            return new Failed(error, error.status() == 429 || error.status() >= 500);
        }
    }
}
