package dev.ccbridge.server.anthropic;

import java.util.List;

/** The source of an image or document block. */
public sealed interface MediaSource {

    /**
     * @param mediaType e.g. {@code image/png} or {@code application/pdf}
     * @param data      base64 data
     */
    record Base64(String mediaType, String data) implements MediaSource {
    }

    /**
     * @param url an http(s) URL
     */
    record Url(String url) implements MediaSource {
    }

    /**
     * Plain text content of a document.
     *
     * @param text the text
     */
    record PlainText(String text) implements MediaSource {
    }

    /**
     * Document content given as blocks.
     *
     * @param blocks the blocks
     */
    record Blocks(List<ContentBlock> blocks) implements MediaSource {
    }

    /**
     * A source type the bridge does not know.
     *
     * @param type its type
     */
    record Unknown(String type) implements MediaSource {
    }
}
