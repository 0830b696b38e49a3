package dev.ccbridge.upstream.joytoken;

import dev.ccbridge.api.FailureKind;
import dev.ccbridge.api.UpstreamFailure;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoyTokenErrorsTest {

    private static UpstreamFailure classify(int status, String body) {
        return JoyTokenErrors.classify(status, body).orElseThrow();
    }

    @Test
    void anInvalidKeyIsAPermissionErrorThatNamesTheVariable() {
        UpstreamFailure failure = classify(401, "{\"error\":{\"message\":\"invalid api key\","
                + "\"type\":\"authentication_error\",\"code\":\"invalid_api_key\"}}");
        assertEquals(FailureKind.PERMISSION, failure.kind());
        assertTrue(failure.message().contains("JOY_TOKEN_API_KEY"), failure.message());
        assertTrue(failure.message().contains("invalid api key"), failure.message());
    }

    @Test
    void paymentRequiredIsBilling() {
        UpstreamFailure failure = classify(402, "{\"error\":{\"message\":\"payment required\"}}");
        assertEquals(FailureKind.BILLING, failure.kind());
        assertTrue(failure.message().contains("top up"), failure.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"error\":{\"message\":\"wallet balance is insufficient\"}}",
            "{\"error\":{\"message\":\"Key budget exhausted for this month\"}}",
            "{\"error\":{\"message\":\"not enough credits\",\"code\":\"insufficient_quota\"}}",
            "{\"error\":\"Budget exceeded\"}",
    })
    void walletAndBudgetWordingIsBillingEvenOn403And429(String body) {
        assertEquals(FailureKind.BILLING, classify(403, body).kind());
        assertEquals(FailureKind.BILLING, classify(429, body).kind());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"error\":{\"message\":\"request denied by key policy: model not allowed\"}}",
            "{\"error\":{\"message\":\"IP 203.0.113.9 is not in the allowlist\"}}",
            "forbidden",
            "",
    })
    void policyAndIpDenialsArePermissionErrors(String body) {
        UpstreamFailure failure = classify(403, body);
        assertEquals(FailureKind.PERMISSION, failure.kind());
        assertTrue(failure.message().contains("policy"), failure.message());
    }

    @Test
    void rateLimitsStayRateLimits() {
        UpstreamFailure failure = classify(429, "{\"error\":{\"message\":\"rate limit exceeded, retry in 20s\"}}");
        assertEquals(FailureKind.RATE_LIMITED, failure.kind());
        assertTrue(failure.message().contains("retry in 20s"), failure.message());
    }

    @Test
    void aBusyLoadBalancerIsNotABillingProblem() {
        assertEquals(FailureKind.RATE_LIMITED,
                classify(429, "{\"error\":{\"message\":\"upstream load balancer is busy\"}}").kind());
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 500, 502, 503})
    void otherStatusesAreLeftToTheEngine(int status) {
        assertEquals(Optional.empty(), JoyTokenErrors.classify(status, "{\"error\":{\"message\":\"boom\"}}"));
    }

    @Test
    void longTextBodiesAreCut() {
        String message = classify(403, "x".repeat(1000)).message();
        assertTrue(message.length() < 600, message);
    }
}
