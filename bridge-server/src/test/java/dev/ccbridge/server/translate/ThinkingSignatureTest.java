package dev.ccbridge.server.translate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The bridge's thinking signature carries the upstream and the reasoning field through the client and back. */
class ThinkingSignatureTest {

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource({
            "joytoken, reasoning_content",
            "deepseek, reasoning",
            "my.gateway.v2, reasoning_details",
    })
    void encodedSignaturesDecodeToTheSameUpstreamAndField(String upstream, String field) {
        ThinkingSignature signature = new ThinkingSignature(upstream, field);

        assertEquals(Optional.of(signature), ThinkingSignature.decode(signature.encode()));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @NullAndEmptySource
    @ValueSource(strings = {
            "EqQBCkgIARABGAIiQL8h3fbJmU2Tz",
            "ccbridge.v1.",
            "ccbridge.v1.joytoken",
            "ccbridge.v1.joytoken.",
            "ccbridge.v1..reasoning",
            "ccbridge.v2.joytoken.reasoning",
    })
    void foreignOrMalformedSignaturesAreNotTheBridges(String signature) {
        assertEquals(Optional.empty(), ThinkingSignature.decode(signature));
    }
}
