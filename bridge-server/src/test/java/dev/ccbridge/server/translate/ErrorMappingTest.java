package dev.ccbridge.server.translate;

import dev.ccbridge.api.FailureKind;
import dev.ccbridge.server.anthropic.AnthropicError;
import dev.ccbridge.server.testing.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Upstream failures to Anthropic errors. The error type is what Claude Code reacts to (overloaded: three tries
 * then the fallback model; rate limit: honour retry-after; api_error: ten backoff retries; invalid request: no
 * retry), so each row of the table matters.
 */
class ErrorMappingTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "400, invalid_request_error, 400",
            "401, authentication_error, 401",
            "402, billing_error, 402",
            "403, permission_error, 403",
            "404, not_found_error, 404",
            "408, timeout_error, 408",
            "409, invalid_request_error, 409",
            "413, request_too_large, 413",
            "418, invalid_request_error, 418",
            "422, invalid_request_error, 422",
            "429, rate_limit_error, 429",
            "500, api_error, 500",
            "501, api_error, 501",
            "502, api_error, 502",
            "503, overloaded_error, 503",
            "504, timeout_error, 504",
            "520, api_error, 520",
            "529, overloaded_error, 529",
            "599, api_error, 599"})
    void statusTable(int upstreamStatus, String type, int clientStatus) {
        assertEquals(type, ErrorMapping.typeForStatus(upstreamStatus));
        assertEquals(clientStatus, ErrorMapping.clientStatus(upstreamStatus));
    }

    @ParameterizedTest
    @CsvSource({"200", "302", "0", "600", "999"})
    void aStatusOutsideTheErrorRangeReachesTheClientAs500(int upstreamStatus) {
        assertEquals(500, ErrorMapping.clientStatus(upstreamStatus));
    }

    @ParameterizedTest
    @EnumSource(FailureKind.class)
    void everyFailureKindHasAStatusThatMeansItsType(FailureKind kind) {
        AnthropicError error = ErrorMapping.of(kind, "what happened");

        assertEquals(ErrorMapping.typeForStatus(error.status()), error.type());
        assertEquals("what happened", error.message());
    }

    @Test
    void contextOverflowIsAnInvalidRequest() {
        assertEquals(AnthropicError.invalidRequest("too long"), ErrorMapping.of(FailureKind.CONTEXT_OVERFLOW,
                "too long"));
    }

    @Test
    void overloadedIs529() {
        assertEquals(new AnthropicError(529, "overloaded_error", "busy"), ErrorMapping.of(FailureKind.OVERLOADED,
                "busy"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "{'message':'The server had an error while processing your request.','type':'server_error'}|500|api_error",
            "{'code':502,'message':'Provider returned error','metadata':{'provider_name':'X'}}|502|api_error",
            "{'code':429,'message':'Rate limit exceeded: free-models-per-min'}|429|rate_limit_error",
            "{'code':500,'message':'Failed to decode the batch','type':'server_error'}|500|api_error",
            "{'message':'Rate limit reached for requests','type':'requests','code':'rate_limit_exceeded'}"
                    + "|429|rate_limit_error",
            "{'message':'Slow down','type':'rate_limit_error'}|429|rate_limit_error",
            "{'message':'You exceeded your current quota','type':'insufficient_quota','code':'insufficient_quota'}"
                    + "|402|billing_error",
            "{'message':'Overloaded','type':'overloaded_error'}|529|overloaded_error",
            "{'message':'The engine is currently overloaded','type':'service_unavailable_error'}|529|overloaded_error",
            "{'message':'Quota exhausted','status':'RESOURCE_EXHAUSTED'}|429|rate_limit_error",
            "{'message':'Deadline expired','status':'DEADLINE_EXCEEDED'}|504|timeout_error",
            "{'message':'Request timed out','type':'timeout'}|504|timeout_error",
            "{'message':'Incorrect API key provided','type':'invalid_request_error','code':'invalid_api_key'}"
                    + "|401|authentication_error",
            "{'message':'Bad key','type':'authentication_error'}|401|authentication_error",
            "{'message':'Not allowed','type':'permission_error'}|403|permission_error",
            "{'message':'The model does not exist','type':'invalid_request_error','code':'model_not_found'}"
                    + "|404|not_found_error",
            "{'message':'too long','type':'invalid_request_error','code':'context_length_exceeded'}"
                    + "|400|invalid_request_error",
            "{'message':'bad field','status':'INVALID_ARGUMENT'}|400|invalid_request_error",
            "{'message':'something odd','type':'weird'}|500|api_error",
            "{'message':'no type at all'}|500|api_error"})
    void inBandErrorsAreClassifiedByCodeThenByWords(String error, int status, String type) {
        AnthropicError mapped = ErrorMapping.inBand("deepseek", UpstreamErrorBody.fromObject(Json.q(error)));

        assertEquals(status, mapped.status());
        assertEquals(type, mapped.type());
        assertEquals("upstream 'deepseek': " + Json.q(error).getString("message"), mapped.message());
    }

    @Test
    void aNumericCodeOutsideTheHttpRangeIsIgnored() {
        AnthropicError mapped = ErrorMapping.inBand("zhipu", UpstreamErrorBody.fromObject(
                Json.q("{'code':1301,'message':'unsafe content','type':'invalid_request_error'}")));

        assertEquals(400, mapped.status());
    }
}
