package dev.ccbridge.server.json;

import jakarta.json.JsonString;

import java.util.ArrayList;
import java.util.List;

/**
 * A JSON string made of pieces, such as the paragraphs a translation joins into one message. {@link JsonOutput}
 * writes it piece by piece, so a long piece read from a document is copied from that document's bytes
 * ({@link RawStrings}) instead of being copied into a joined string and escaped again; the joined Java string is
 * made only when something asks for it. Behaves as JSON-P's own strings do: equal to any JSON-P string with the
 * same text, with the same hash code and the same JSON text.
 */
public final class JoinedString implements JsonString {

    private final String[] pieces;
    private String joined;

    private JoinedString(String[] pieces) {
        this.pieces = pieces;
    }

    String[] pieces() {
        return pieces;
    }

    @Override
    public String getString() {
        String text = joined;
        if (text == null) {
            text = String.join("", pieces);
            joined = text;
        }
        return text;
    }

    @Override
    public CharSequence getChars() {
        return getString();
    }

    @Override
    public ValueType getValueType() {
        return ValueType.STRING;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof JsonString string && getString().equals(string.getString());
    }

    @Override
    public int hashCode() {
        return getString().hashCode();
    }

    @Override
    public String toString() {
        return JsonFactories.string(getString()).toString();
    }

    /** Collects pieces; a string of one piece is that very piece, so that it is still found among raw strings. */
    public static final class Builder {

        private final List<String> pieces = new ArrayList<>(4);
        private int length;

        /**
         * @param piece text to add
         * @return {@code this}
         */
        public Builder append(String piece) {
            if (!piece.isEmpty()) {
                pieces.add(piece);
                length += piece.length();
            }
            return this;
        }

        /**
         * @param piece text to add, its own pieces if it is joined
         * @return {@code this}
         */
        public Builder append(JsonString piece) {
            if (piece instanceof JoinedString joinedPiece) {
                for (String each : joinedPiece.pieces) {
                    append(each);
                }
                return this;
            }
            return append(piece.getString());
        }

        /** @return whether no text has been added */
        public boolean isEmpty() {
            return length == 0;
        }

        /** @return the text so far */
        public JsonString build() {
            return switch (pieces.size()) {
                case 0 -> JsonFactories.string("");
                case 1 -> JsonFactories.string(pieces.getFirst());
                default -> new JoinedString(pieces.toArray(String[]::new));
            };
        }
    }
}
