package dev.ccbridge.server.translate;

import dev.ccbridge.server.json.JsonFactories;

import jakarta.json.JsonBuilderFactory;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;

/** Builds OpenAI content parts. */
final class ContentParts {

    static final JsonBuilderFactory JSON = JsonFactories.BUILDERS;

    private ContentParts() {
    }

    static JsonObject text(String text) {
        return JSON.createObjectBuilder().add("type", "text").add("text", text).build();
    }

    static JsonObject text(JsonString text) {
        return JSON.createObjectBuilder().add("type", "text").add("text", text).build();
    }

    static JsonObject imageUrl(String url) {
        return JSON.createObjectBuilder()
                .add("type", "image_url")
                .add("image_url", JSON.createObjectBuilder().add("url", url))
                .build();
    }

    static JsonObject pdf(String filename, String base64) {
        return JSON.createObjectBuilder()
                .add("type", "file")
                .add("file", JSON.createObjectBuilder()
                        .add("filename", filename)
                        .add("file_data", "data:application/pdf;base64," + base64))
                .build();
    }

    static boolean isText(JsonObject part) {
        return "text".equals(part.getString("type", ""));
    }
}
