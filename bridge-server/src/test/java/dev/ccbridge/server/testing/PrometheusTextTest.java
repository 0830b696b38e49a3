package dev.ccbridge.server.testing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checker the metrics tests rely on: it must accept what Prometheus accepts and reject what it would not. */
class PrometheusTextTest {

    private static final String VALID = """
            # HELP ccbridge_requests_total Messages requests
            # TYPE ccbridge_requests_total counter
            ccbridge_requests_total{scope="application",upstream="a",} 2.0
            ccbridge_requests_total{scope="application",upstream="b \\"quoted\\" \\\\ and\\nline"} 1
            # TYPE ccbridge_request_duration_seconds histogram
            ccbridge_request_duration_seconds_bucket{upstream="a",le="0.5",} 1.0
            ccbridge_request_duration_seconds_bucket{upstream="a",le="+Inf",} 3.0
            ccbridge_request_duration_seconds_count{upstream="a",} 3.0
            ccbridge_request_duration_seconds_sum{upstream="a",} 4.25
            # TYPE up gauge
            up NaN 1767225600000
            """;

    @Test
    void readsValuesAndLabelsWithTheirEscapes() {
        PrometheusText scrape = PrometheusText.parse(VALID);

        assertEquals(3, scrape.sum("ccbridge_requests_total"));
        assertEquals(1, scrape.sum("ccbridge_requests_total", "upstream", "b \"quoted\" \\ and\nline"));
        assertEquals(0, scrape.sum("ccbridge_requests_total", "upstream", "c"));
        assertEquals("histogram", scrape.type("ccbridge_request_duration_seconds"));
        assertEquals(4.25, scrape.sum("ccbridge_request_duration_seconds_sum", "upstream", "a"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "# TYPE x counter\nx{a=\"1\"} one\n",
            "# TYPE x counter\nx{a=1} 1\n",
            "# TYPE x counter\nx{1a=\"1\"} 1\n",
            "# TYPE x counter\nx{a=\"\\t\"} 1\n",
            "# TYPE x counter\nx{a=\"1\"\n",
            "# TYPE 1x counter\n",
            "# TYPE x counter\n# TYPE x gauge\n",
            "x 1\n# TYPE x counter\n",
            "# TYPE x counter\n# TYPE y counter\nx 1\ny 1\nx{a=\"2\"} 1\n",
            "# TYPE x counter\nx 1\nx 2\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 1\nh_count 1\n",
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 1\n",
            "# TYPE x counter\nx 1 soon\n"})
    void rejectsWhatAScraperWouldReject(String text) {
        assertThrows(AssertionError.class, () -> PrometheusText.parse(text));
    }
}
