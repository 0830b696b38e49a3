package dev.ccbridge.server.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * A JSON array as {@link Utf8JsonReader} reads it: its elements in one exactly sized array. Behaves as JSON-P's own
 * arrays do (immutable; equal to any JSON-P array with the same elements; typed getters that throw as theirs do).
 */
final class ParsedArray extends AbstractList<JsonValue> implements JsonArray, RandomAccess {

    private final JsonValue[] elements;

    ParsedArray(JsonValue[] elements) {
        this.elements = elements;
    }

    @Override
    public JsonValue get(int index) {
        return elements[Objects.checkIndex(index, elements.length)];
    }

    @Override
    public int size() {
        return elements.length;
    }

    @Override
    public JsonObject getJsonObject(int index) {
        return (JsonObject) get(index);
    }

    @Override
    public JsonArray getJsonArray(int index) {
        return (JsonArray) get(index);
    }

    @Override
    public JsonNumber getJsonNumber(int index) {
        return (JsonNumber) get(index);
    }

    @Override
    public JsonString getJsonString(int index) {
        return (JsonString) get(index);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends JsonValue> List<T> getValuesAs(Class<T> type) {
        return (List<T>) this;
    }

    @Override
    public String getString(int index) {
        return getJsonString(index).getString();
    }

    @Override
    public String getString(int index, String defaultValue) {
        return index >= 0 && index < elements.length && elements[index] instanceof JsonString string
                ? string.getString() : defaultValue;
    }

    @Override
    public int getInt(int index) {
        return getJsonNumber(index).intValue();
    }

    @Override
    public int getInt(int index, int defaultValue) {
        return index >= 0 && index < elements.length && elements[index] instanceof JsonNumber number
                ? number.intValue() : defaultValue;
    }

    @Override
    public boolean getBoolean(int index) {
        return ParsedObject.bool(get(index));
    }

    @Override
    public boolean getBoolean(int index, boolean defaultValue) {
        if (index < 0 || index >= elements.length) {
            return defaultValue;
        }
        JsonValue value = elements[index];
        return value == JsonValue.TRUE || value == JsonValue.FALSE ? value == JsonValue.TRUE : defaultValue;
    }

    @Override
    public boolean isNull(int index) {
        return get(index) == JsonValue.NULL;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.ARRAY;
    }

    @Override
    public String toString() {
        return JsonFactories.text(this);
    }
}
