package dev.ccbridge.server.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A JSON object as {@link Utf8JsonReader} reads it: its members in two arrays, in document order, looked up by a
 * scan, or through an index once there are more than a few. Behaves as JSON-P's own objects do (immutable; equal
 * to any JSON-P object with the same members; typed getters that throw as theirs do) without a map entry per
 * member.
 */
final class ParsedObject extends AbstractMap<String, JsonValue> implements JsonObject {

    private final String[] keys;
    private final JsonValue[] values;
    /** Member positions by name, when there are more members than a scan should visit; else {@code null}. */
    private final Map<String, Integer> index;
    /**
     * The document whose bytes hold this object exactly as {@link JsonOutput} would write it, as its
     * {@link RawStrings#document()}; else {@code null}. A token, not the bytes: an object kept after its request
     * does not keep the request's bytes alive.
     */
    private final Object document;
    /** Where the object, braces included, lies in those bytes: the start in the high half, the end in the low. */
    private final long span;

    ParsedObject(String[] keys, JsonValue[] values, Map<String, Integer> index) {
        this(keys, values, index, null, 0);
    }

    ParsedObject(String[] keys, JsonValue[] values, Map<String, Integer> index, Object document, long span) {
        this.keys = keys;
        this.values = values;
        this.index = index;
        this.document = document;
        this.span = span;
    }

    Object document() {
        return document;
    }

    /** @return where the object begins in its document's bytes, when it has a {@link #document()} */
    int start() {
        return (int) (span >>> 32);
    }

    /** @return where the object ends in its document's bytes (exclusive), when it has a {@link #document()} */
    int end() {
        return (int) span;
    }

    int memberCount() {
        return keys.length;
    }

    String keyAt(int i) {
        return keys[i];
    }

    JsonValue valueAt(int i) {
        return values[i];
    }

    private int find(Object key) {
        if (index != null) {
            Integer at = index.get(key);
            return at == null ? -1 : at;
        }
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public JsonValue get(Object key) {
        int at = find(key);
        return at < 0 ? null : values[at];
    }

    @Override
    public boolean containsKey(Object key) {
        return find(key) >= 0;
    }

    @Override
    public int size() {
        return keys.length;
    }

    @Override
    public boolean isEmpty() {
        return keys.length == 0;
    }

    @Override
    public Set<Entry<String, JsonValue>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, JsonValue>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < keys.length;
                    }

                    @Override
                    public Entry<String, JsonValue> next() {
                        if (next >= keys.length) {
                            throw new NoSuchElementException();
                        }
                        int i = next++;
                        return new SimpleImmutableEntry<>(keys[i], values[i]);
                    }
                };
            }

            @Override
            public int size() {
                return keys.length;
            }
        };
    }

    @Override
    public JsonArray getJsonArray(String name) {
        return (JsonArray) get(name);
    }

    @Override
    public JsonObject getJsonObject(String name) {
        return (JsonObject) get(name);
    }

    @Override
    public JsonNumber getJsonNumber(String name) {
        return (JsonNumber) get(name);
    }

    @Override
    public JsonString getJsonString(String name) {
        return (JsonString) get(name);
    }

    @Override
    public String getString(String name) {
        return getJsonString(name).getString();
    }

    @Override
    public String getString(String name, String defaultValue) {
        return get(name) instanceof JsonString string ? string.getString() : defaultValue;
    }

    @Override
    public int getInt(String name) {
        return getJsonNumber(name).intValue();
    }

    @Override
    public int getInt(String name, int defaultValue) {
        return get(name) instanceof JsonNumber number ? number.intValue() : defaultValue;
    }

    @Override
    public boolean getBoolean(String name) {
        JsonValue value = get(name);
        if (value == null) {
            throw new NullPointerException("no member named " + name);
        }
        return bool(value);
    }

    /** @throws ClassCastException when the value is not a boolean, as JSON-P's objects and arrays do */
    static boolean bool(JsonValue value) {
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return value == JsonValue.TRUE;
        }
        throw new ClassCastException("not a boolean but " + value.getValueType());
    }

    @Override
    public boolean getBoolean(String name, boolean defaultValue) {
        JsonValue value = get(name);
        return value == JsonValue.TRUE || value == JsonValue.FALSE ? value == JsonValue.TRUE : defaultValue;
    }

    @Override
    public boolean isNull(String name) {
        JsonValue value = get(name);
        if (value == null) {
            throw new NullPointerException("no member named " + name);
        }
        return value == JsonValue.NULL;
    }

    @Override
    public ValueType getValueType() {
        return ValueType.OBJECT;
    }

    @Override
    public String toString() {
        return JsonFactories.text(this);
    }
}
