package dev.ccbridge.upstream.openai;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EndpointsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://api.example.com/v1,                       https://api.example.com/v1/chat/completions",
            "https://api.example.com/v1/,                      https://api.example.com/v1/chat/completions",
            "https://api.example.com,                          https://api.example.com/chat/completions",
            "https://api.example.com/,                         https://api.example.com/chat/completions",
            "http://127.0.0.1:8080,                            http://127.0.0.1:8080/chat/completions",
            "https://api.example.com/v1/chat/completions,      https://api.example.com/v1/chat/completions",
            "https://api.example.com/v1/chat/completions/,     https://api.example.com/v1/chat/completions",
            "https://gw.example.com/v1?t=a&r=eu,               https://gw.example.com/v1/chat/completions?t=a&r=eu",
            "https://gw.example.com/v1/?tenant=a,              https://gw.example.com/v1/chat/completions?tenant=a",
            "https://gw.example.com/v1/chat/completions?x=1,   https://gw.example.com/v1/chat/completions?x=1",
            "https://gw.example.com/v1/chat/completions/?x=1,  https://gw.example.com/v1/chat/completions?x=1",
    })
    void chatCompletionsFollowsTheBaseUrl(String base, String expected) {
        assertEquals(URI.create(expected), Endpoints.chatCompletions(URI.create(base)));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "https://api.example.com/v1,                    https://api.example.com/v1/models",
            "https://api.example.com/v1/chat/completions/,  https://api.example.com/v1/models",
            "https://gw.example.com/v1/?tenant=a,           https://gw.example.com/v1/models?tenant=a",
    })
    void modelsSitsNextToChatCompletions(String base, String expected) {
        assertEquals(URI.create(expected), Endpoints.models(URI.create(base)));
    }
}
