package dev.ccbridge.server.translate;

import dev.ccbridge.server.anthropic.AnthropicError;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Upstream "the prompt does not fit" errors, in the upstreams' own words, rewritten into the two sentences Claude
 * Code acts on: {@code prompt is too long: N tokens > M maximum} (compact and retry) and
 * {@code input length and `max_tokens` exceed context limit: N + C > M} (retry with a smaller max_tokens). Other
 * 400s, including validation errors that mention a length or a maximum, must pass untouched.
 */
class ContextOverflowTest {

    private static final int NO_ESTIMATE = 0;
    private static final int NO_WINDOW = 0;

    private static Optional<AnthropicError> detect(String message, String kind) {
        return ContextOverflow.detect(message, kind, 0, 0, NO_ESTIMATE, NO_WINDOW);
    }

    private static String tooLong(int prompt, int maximum) {
        return "prompt is too long: " + prompt + " tokens > " + maximum + " maximum";
    }

    private static String maxTokens(int prompt, int completion, int maximum) {
        return "input length and `max_tokens` exceed context limit: " + prompt + " + " + completion + " > " + maximum
                + ", decrease input length or `max_tokens` and try again";
    }

    static Stream<Arguments> overflows() {
        return Stream.of(
                arguments("OpenAI", "invalid_request_error context_length_exceeded",
                        "This model's maximum context length is 128000 tokens. However, your messages resulted in "
                                + "130532 tokens. Please reduce the length of the messages.",
                        tooLong(130532, 128000)),
                arguments("OpenAI, messages and completion, the messages fit",
                        "invalid_request_error context_length_exceeded",
                        "This model's maximum context length is 8192 tokens. However, you requested 9000 tokens "
                                + "(7000 in the messages, 2000 in the completion). Please reduce the length of the "
                                + "messages or completion.",
                        maxTokens(7000, 2000, 8192)),
                arguments("OpenAI, messages and completion, the messages alone are too long",
                        "invalid_request_error context_length_exceeded",
                        "This model's maximum context length is 8192 tokens. However, you requested 10000 tokens "
                                + "(9000 in the messages, 1000 in the completion). Please reduce the length of the "
                                + "messages or completion.",
                        tooLong(9000, 8192)),
                arguments("OpenAI, messages, functions and completion",
                        "invalid_request_error context_length_exceeded",
                        "This model's maximum context length is 16385 tokens. However, you requested 17000 tokens "
                                + "(12000 in the messages, 1000 in the functions, and 4000 in the completion). "
                                + "Please reduce the length of the messages, functions, or completion.",
                        maxTokens(13000, 4000, 16385)),
                arguments("OpenAI, configured limit", "invalid_request_error context_length_exceeded",
                        "Input tokens exceed the configured limit of 272000 tokens. Your messages resulted in "
                                + "509178 tokens. Please reduce the length of the messages.",
                        tooLong(509178, 272000)),
                arguments("DeepSeek", "invalid_request_error",
                        "This model's maximum context length is 65536 tokens. However, you requested 78706 tokens "
                                + "(70514 in the messages, 8192 in the completion). Please reduce the length of the "
                                + "messages or completion.",
                        tooLong(70514, 65536)),
                arguments("vLLM, input tokens", "badrequesterror",
                        "This model's maximum context length is 32768 tokens. However, your request has 40000 input "
                                + "tokens. Please reduce the length of the input messages.",
                        tooLong(40000, 32768)),
                arguments("vLLM, max_tokens too large", "badrequesterror",
                        "'max_tokens' or 'max_completion_tokens' is too large: 32000. This model's maximum context "
                                + "length is 100001 tokens and your request has 81126 input tokens (32000 > 100001 - "
                                + "81126). None",
                        maxTokens(81126, 32000, 100001)),
                arguments("OpenRouter, the text input is too long", "",
                        "This endpoint's maximum context length is 131072 tokens. However, you requested about "
                                + "150211 tokens (148000 of text input, 2211 in the output). Please reduce the length "
                                + "of either one, or use the \"middle-out\" transform to compress your prompt "
                                + "automatically.",
                        tooLong(148000, 131072)),
                arguments("OpenRouter, the input fits but not with the output", "",
                        "This endpoint's maximum context length is 65536 tokens. However, you requested about 65810 "
                                + "tokens (1430 of text input, 380 of tool input, 64000 in the output). Please reduce "
                                + "the length of either one, or use the context-compression plugin to compress your "
                                + "prompt automatically.",
                        maxTokens(1810, 64000, 65536)),
                arguments("OpenRouter, no breakdown", "",
                        "This endpoint's maximum context length is 16384 tokens. However, you requested about 26265 "
                                + "tokens.",
                        tooLong(26265, 16384)),
                arguments("llama.cpp, newer wording", "exceed_context_size_error",
                        "request (67311 tokens) exceeds the available context size (65536 tokens), try increasing it",
                        tooLong(67311, 65536)),
                arguments("Mistral", "invalid_request_error",
                        "Prompt contains 40000 tokens and 0 draft tokens, too large for model with 32768 maximum "
                                + "context length",
                        tooLong(40000, 32768)),
                arguments("Gemini", "invalid_argument",
                        "The input token count (1200000) exceeds the maximum number of tokens allowed (1048576).",
                        tooLong(1200000, 1048576)),
                arguments("xAI", "invalid_request_error",
                        "This model's maximum prompt length is 131072 but the request contains 537812 tokens.",
                        tooLong(537812, 131072)),
                arguments("SGLang", "badrequesterror",
                        "The input (100000 tokens) is longer than the model's context length (32768 tokens).",
                        tooLong(100000, 32768)),
                arguments("Ollama", "",
                        "The prompt is too long: 450028, model maximum context length: 262144",
                        tooLong(450028, 262144)),
                arguments("Moonshot", "invalid_request_error",
                        "Invalid request: Your request exceeded model token limit: 262144 (requested: 291351)",
                        tooLong(291351, 262144)),
                arguments("Cerebras", "invalid_request_error context_length_exceeded",
                        "Please reduce the length of the messages or completion. Current length is 132784 while "
                                + "limit is 131000",
                        tooLong(132784, 131000)),
                arguments("TGI / Together, inputs and max_new_tokens", "validation",
                        "Input validation error: `inputs` tokens + `max_new_tokens` must be <= 32769. Given: 30000 "
                                + "`inputs` tokens and 4000 `max_new_tokens`",
                        maxTokens(30000, 4000, 32769)),
                arguments("TGI, inputs alone", "validation",
                        "Input validation error: `inputs` must have less than 4096 tokens. Given: 5000",
                        tooLong(5000, 4095)),
                arguments("Anthropic-style, passed through", "invalid_request_error",
                        "prompt is too long: 210000 tokens > 200000 maximum",
                        tooLong(210000, 200000)),
                arguments("Anthropic-style max_tokens, passed through", "invalid_request_error",
                        "input length and `max_tokens` exceed context limit: 190000 + 20000 > 200000, decrease input "
                                + "length or `max_tokens` and try again",
                        maxTokens(190000, 20000, 200000)),
                arguments("thousands separators", "invalid_request_error context_length_exceeded",
                        "This model's maximum context length is 1,048,576 tokens. However, your messages resulted in "
                                + "1,100,000 tokens.",
                        tooLong(1100000, 1048576)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("overflows")
    void anOverflowIsRewrittenWithTheUpstreamsNumbers(String upstream, String kind, String message, String expected) {
        AnthropicError error = detect(message, kind).orElseThrow(() -> new AssertionError("not detected"));

        assertEquals(AnthropicError.invalidRequest(expected), error);
    }

    @Test
    void llamaCppNumbersComeFromStructuredFields() {
        AnthropicError error = ContextOverflow.detect("the request exceeds the available context size, try "
                + "increasing it", "exceed_context_size_error", 40000, 32768, 35000, NO_WINDOW).orElseThrow();

        assertEquals(AnthropicError.invalidRequest(tooLong(40000, 32768)), error);
    }

    @Test
    void withoutNumbersTheLocalCountAndTheKnownWindowAreUsed() {
        AnthropicError error = ContextOverflow.detect("Please reduce the length of the messages or completion.",
                "invalid_request_error context_length_exceeded", 0, 0, 140000, 131072).orElseThrow();

        assertEquals(tooLong(140000, 131072) + " (counted by the bridge)", error.message());
    }

    @Test
    void aLocalCountThatFitsTheWindowIsRaisedAboveIt() {
        AnthropicError error = ContextOverflow.detect("Please reduce the length of the messages or completion.",
                "invalid_request_error context_length_exceeded", 0, 0, 120000, 131072).orElseThrow();

        assertTrue(error.message().startsWith(tooLong(131073, 131072) + " ("), error.message());
    }

    @Test
    void withoutAnyLimitTheLocalCountStillTriggersCompaction() {
        AnthropicError error = ContextOverflow.detect("Please reduce the length of the messages or completion.",
                "invalid_request_error context_length_exceeded", 0, 0, 140000, NO_WINDOW).orElseThrow();

        assertTrue(error.message().startsWith(tooLong(140000, 139999) + " ("), error.message());
    }

    @Test
    void theGemini25WordingWithoutACountUsesTheLimitItGives() {
        AnthropicError error = ContextOverflow.detect("The input token count exceeds the maximum number of tokens "
                + "allowed 1048576.", "invalid_argument", 0, 0, 1100000, NO_WINDOW).orElseThrow();

        assertEquals(tooLong(1100000, 1048576) + " (counted by the bridge)", error.message());
    }

    @Test
    void bedrockWordingWithoutNumbers() {
        AnthropicError error = ContextOverflow.detect("Input is too long for requested model.", "validationexception",
                0, 0, 210000, 200000).orElseThrow();

        assertEquals(tooLong(210000, 200000) + " (counted by the bridge)", error.message());
    }

    @Test
    void theCodeAloneIdentifiesAnOverflow() {
        assertTrue(detect("Request too long for this model.", "invalid_request_error context_length_exceeded")
                .isPresent());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
            "The model `gpt-9` does not exist or you do not have access to it.",
            "model not found",
            "Invalid 'messages[1].content': string too long. Expected a string with maximum length 10485760, but got "
                    + "a string with length 10485761 instead.",
            "Invalid 'tools[3].function.name': string too long. Expected a string with maximum length 64, but got a "
                    + "string with length 71 instead.",
            "Invalid 'tools': array too long. Expected an array with maximum length 128, but got an array with length "
                    + "140 instead.",
            "max_tokens is too large: 32000. This model supports at most 16384 completion tokens, whereas you "
                    + "provided 32000.",
            "Input validation error: `max_new_tokens` must be <= 4096. Given: 5000",
            "Input validation error: `top_n_tokens` must be >= 0 and <= 5. Given: 10",
            "Invalid 'max_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.",
            "Input should be less than or equal to 2",
            "Throttling error: Too many tokens, please wait before trying again.",
            "Unexpected role 'user' after role 'tool'",
            "messages: text content blocks must be non-empty"})
    void otherErrorsAreNotRewritten(String message) {
        assertEquals(Optional.empty(), detect(message, "invalid_request_error"));
    }
}
