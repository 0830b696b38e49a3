package dev.ccbridge.api;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdapterSettingsTest {

    @Test
    void blankValuesCountAsAbsent() {
        Map<String, String> values = new HashMap<>();
        values.put("api-key", "   ");
        values.put("base-url", null);
        values.put("profile", " groq ");
        AdapterSettings settings = new AdapterSettings("up", values);
        assertFalse(settings.find("api-key").isPresent());
        assertFalse(settings.find("base-url").isPresent());
        assertEquals("groq", settings.get("profile", "x"));
    }

    @Test
    void requireNamesTheUpstreamAndTheSetting() {
        AdapterConfigException e = assertThrows(AdapterConfigException.class,
                () -> new AdapterSettings("joy", Map.of()).require("api-key"));
        assertEquals("upstream 'joy': setting 'api-key' is required", e.getMessage());
    }

    @Test
    void numbersAcceptUnderscoresAndRejectWords() {
        AdapterSettings settings = new AdapterSettings("up", Map.of("a", "128_000", "b", "lots"));
        assertEquals(128000, settings.getInt("a", 0));
        assertEquals(7, settings.getInt("missing", 7));
        AdapterConfigException e = assertThrows(AdapterConfigException.class, () -> settings.getInt("b", 0));
        assertTrue(e.getMessage().contains("'b'") && e.getMessage().contains("'lots'"), e.getMessage());
    }

    @Test
    void booleansAcceptTheUsualWords() {
        AdapterSettings settings = new AdapterSettings("up", Map.of("y", "Yes", "n", "off", "bad", "maybe"));
        assertTrue(settings.getBoolean("y", false));
        assertFalse(settings.getBoolean("n", true));
        assertThrows(AdapterConfigException.class, () -> settings.getBoolean("bad", true));
    }

    @Test
    void urisMustBeAbsoluteHttp() {
        AdapterSettings settings = new AdapterSettings("up", Map.of("ok", "http://127.0.0.1:8080/v1",
                "ftp", "ftp://files.example.com", "relative", "/v1", "broken", "http://exa mple.com"));
        assertEquals(URI.create("http://127.0.0.1:8080/v1"), settings.getUri("ok", null));
        assertEquals(URI.create("https://default.example.com"),
                settings.getUri("missing", "https://default.example.com"));
        for (String key : new String[] {"ftp", "relative", "broken"}) {
            AdapterConfigException e = assertThrows(AdapterConfigException.class, () -> settings.getUri(key, null));
            assertTrue(e.getMessage().contains("upstream 'up'") && e.getMessage().contains("'" + key + "'"),
                    e.getMessage());
        }
        assertThrows(AdapterConfigException.class, () -> settings.getUri("missing", null));
    }
}
