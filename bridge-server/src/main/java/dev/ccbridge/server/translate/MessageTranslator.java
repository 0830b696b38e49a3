package dev.ccbridge.server.translate;

import dev.ccbridge.api.Capabilities;
import dev.ccbridge.api.Feature;
import dev.ccbridge.server.anthropic.ContentBlock;
import dev.ccbridge.server.anthropic.MediaSource;
import dev.ccbridge.server.anthropic.Message;
import dev.ccbridge.server.json.JoinedString;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns the Anthropic conversation into OpenAI chat messages: system turns in place, tool results as tool
 * messages directly after their calls, images from tool results hoisted into a following user message, thinking
 * sent back only where it belongs, empty text dropped.
 */
final class MessageTranslator {

    static final String IMAGE_OMITTED = "[image omitted: the upstream model does not accept images]";
    static final String PDF_OMITTED = "[PDF document omitted: the upstream model does not accept files]";
    private static final String IMAGES_DROPPED =
            "images replaced by a text marker: the upstream does not accept images";
    private static final String DEFAULT_REASONING_FIELD = "reasoning_content";

    private final Capabilities capabilities;
    private final ToolNames toolNames;
    private final String upstreamName;
    private final List<String> notes;

    MessageTranslator(Capabilities capabilities, ToolNames toolNames, String upstreamName, List<String> notes) {
        this.capabilities = capabilities;
        this.toolNames = toolNames;
        this.upstreamName = upstreamName;
        this.notes = notes;
    }

    List<ChatMessage> translate(List<Message> messages) {
        List<ChatMessage> out = new ArrayList<>(messages.size() + 8);
        for (Message message : messages) {
            switch (message.role()) {
                case SYSTEM -> system(message.content()).ifPresent(out::add);
                case USER -> user(message.content(), out);
                case ASSISTANT -> assistant(message.content()).ifPresent(out::add);
            }
        }
        return ToolCallPairing.pair(out);
    }

    private static Optional<ChatMessage> system(List<ContentBlock> blocks) {
        JoinedString.Builder text = new JoinedString.Builder();
        for (ContentBlock block : blocks) {
            if (block instanceof ContentBlock.Text t && !t.text().isBlank()) {
                appendParagraph(text, t.text());
            }
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(new ChatMessage.System(text.build()));
    }

    private void user(List<ContentBlock> blocks, List<ChatMessage> out) {
        List<JsonObject> parts = new ArrayList<>();
        List<JsonObject> hoisted = new ArrayList<>();
        for (ContentBlock block : blocks) {
            switch (block) {
                case ContentBlock.ToolResult result -> out.add(toolResult(result, hoisted));
                case ContentBlock.Text text when !text.text().isBlank() -> parts.add(ContentParts.text(text.text()));
                case ContentBlock.Image image -> parts.add(image(image.source()));
                case ContentBlock.Document document -> parts.addAll(document(document));
                case ContentBlock.ToolReference reference -> parts.add(ContentParts.text(toolLoaded(reference)));
                default -> {
                }
            }
        }
        hoisted.addAll(parts);
        if (!hoisted.isEmpty()) {
            out.add(new ChatMessage.User(List.copyOf(hoisted)));
        }
    }

    private ChatMessage.ToolResult toolResult(ContentBlock.ToolResult result, List<JsonObject> hoisted) {
        JoinedString.Builder text = new JoinedString.Builder();
        int images = 0;
        int documents = 0;
        for (ContentBlock block : result.content()) {
            switch (block) {
                case ContentBlock.Text t when !t.text().isEmpty() -> appendLine(text, t.text());
                case ContentBlock.Image image when !capabilities.supports(Feature.IMAGES) -> {
                    note(IMAGES_DROPPED);
                    appendLine(text, IMAGE_OMITTED);
                }
                case ContentBlock.Image image -> {
                    if (images++ == 0) {
                        hoisted.add(ContentParts.text("[image returned by tool call " + result.toolUseId() + "]"));
                    }
                    hoisted.add(image(image.source()));
                }
                case ContentBlock.ToolReference reference -> appendLine(text, toolLoaded(reference));
                case ContentBlock.Document document -> {
                    for (JsonObject part : document(document)) {
                        if (ContentParts.isText(part)) {
                            appendLine(text, part.getString("text"));
                        } else {
                            if (documents++ == 0) {
                                hoisted.add(ContentParts.text("[document returned by tool call "
                                        + result.toolUseId() + "]"));
                            }
                            hoisted.add(part);
                        }
                    }
                }
                default -> {
                }
            }
        }
        if (images > 0) {
            appendLine(text, follows(images, "image"));
        }
        if (documents > 0) {
            appendLine(text, follows(documents, "document"));
        }
        if (text.isEmpty()) {
            text.append("(no output)");
        }
        JsonString content = result.isError() ? new JoinedString.Builder().append("Error: ").append(text.build()).build()
                : text.build();
        return new ChatMessage.ToolResult(result.toolUseId(), content);
    }

    /** Tells the model in the tool message where the attachments it cannot carry went. */
    private static String follows(int count, String noun) {
        return "[" + count + " " + noun + (count == 1 ? " follows" : "s follow") + " in the next user message]";
    }

    private Optional<ChatMessage> assistant(List<ContentBlock> blocks) {
        JoinedString.Builder text = new JoinedString.Builder();
        JoinedString.Builder reasoning = new JoinedString.Builder();
        String reasoningField = null;
        List<ChatMessage.ToolCall> calls = new ArrayList<>();
        Set<String> callIds = new HashSet<>();
        for (ContentBlock block : blocks) {
            switch (block) {
                case ContentBlock.Text t when !t.text().isBlank() -> appendParagraph(text, t.text());
                case ContentBlock.ToolUse use when !callIds.add(use.id()) -> note("repeated tool call "
                        + use.id() + " sent once: upstreams reject two calls with one id");
                case ContentBlock.ToolUse use -> calls.add(new ChatMessage.ToolCall(use.id(),
                        toolNames.alias(use.name()), use.input().toString()));
                case ContentBlock.Thinking thinking -> {
                    Optional<String> field = echoField(thinking.signature());
                    if (field.isPresent() && !thinking.thinking().isEmpty()) {
                        appendParagraph(reasoning, thinking.thinking());
                        reasoningField = field.get();
                    }
                }
                default -> {
                }
            }
        }
        if (text.isEmpty() && calls.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ChatMessage.Assistant(text.isEmpty() ? null : text.build(), List.copyOf(calls),
                reasoning.isEmpty() ? null : reasoning.build(), reasoningField));
    }

    /** The field to send thinking back in, or empty to drop it. */
    private Optional<String> echoField(String signature) {
        Optional<ThinkingSignature> ours = ThinkingSignature.decode(signature)
                .filter(s -> s.upstream().equals(upstreamName));
        if (ours.isPresent()) {
            String field = ours.get().field();
            return Optional.of(field.equals("reasoning") ? "reasoning" : DEFAULT_REASONING_FIELD);
        }
        return capabilities.reasoningEcho() ? Optional.of(DEFAULT_REASONING_FIELD) : Optional.empty();
    }

    private JsonObject image(MediaSource source) {
        if (!capabilities.supports(Feature.IMAGES)) {
            note(IMAGES_DROPPED);
            return ContentParts.text(IMAGE_OMITTED);
        }
        return switch (source) {
            case MediaSource.Base64 b -> ContentParts.imageUrl("data:" + b.mediaType() + ";base64," + b.data());
            case MediaSource.Url u -> ContentParts.imageUrl(u.url());
            default -> ContentParts.text("[image omitted: unsupported image source]");
        };
    }

    private List<JsonObject> document(ContentBlock.Document document) {
        String title = document.title() == null ? "" : document.title();
        return switch (document.source()) {
            case MediaSource.Base64 b when b.mediaType().equals("application/pdf") -> {
                if (!capabilities.supports(Feature.PDF_FILES)) {
                    note("PDF replaced by a text marker: the upstream does not accept files");
                    yield List.of(ContentParts.text(PDF_OMITTED + (title.isEmpty() ? "" : " " + title)));
                }
                yield List.of(ContentParts.pdf(title.isEmpty() ? "document.pdf" : title, b.data()));
            }
            case MediaSource.PlainText t -> textDocument(title, t.text());
            case MediaSource.Blocks blocks -> {
                JoinedString.Builder text = new JoinedString.Builder();
                for (ContentBlock block : blocks.blocks()) {
                    if (block instanceof ContentBlock.Text t) {
                        appendLine(text, t.text());
                    }
                }
                yield textDocument(title, text.build().getString());
            }
            case MediaSource.Url u -> List.of(ContentParts.text(titled(title, "[document at " + u.url() + "]")));
            default -> List.of(ContentParts.text("[document omitted: unsupported document source]"));
        };
    }

    /** A text document as a text part, or none when it holds no text: an empty text part poisons a session. */
    private static List<JsonObject> textDocument(String title, String text) {
        String titled = titled(title, text);
        return titled.isBlank() ? List.of() : List.of(ContentParts.text(titled));
    }

    private static String titled(String title, String text) {
        return title.isEmpty() ? text : title + "\n\n" + text;
    }

    private static String toolLoaded(ContentBlock.ToolReference reference) {
        return "[tool loaded: " + reference.toolName() + "]";
    }

    private void note(String note) {
        if (!notes.contains(note)) {
            notes.add(note);
        }
    }

    private static void appendParagraph(JoinedString.Builder text, String paragraph) {
        if (!text.isEmpty()) {
            text.append("\n\n");
        }
        text.append(paragraph);
    }

    private static void appendLine(JoinedString.Builder text, String line) {
        if (!text.isEmpty()) {
            text.append("\n");
        }
        text.append(line);
    }
}
