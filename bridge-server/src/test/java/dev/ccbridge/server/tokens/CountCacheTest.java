package dev.ccbridge.server.tokens;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

class CountCacheTest {

    @Test
    void countsAKeyOnceAndKeepsItInTheFormItIsGiven() {
        List<String> kept = new ArrayList<>();
        CountCache<String> cache = new CountCache<>(String::length, key -> {
            String copy = new String(key);
            kept.add(copy);
            return copy;
        }, 1024 * 1024);
        AtomicInteger counted = new AtomicInteger();

        String first = "a text long enough to be worth remembering";
        for (int turn = 0; turn < 3; turn++) {
            assertEquals(first.length(), cache.count(new String(first), first, text -> {
                counted.incrementAndGet();
                return text.length();
            }));
        }

        assertEquals(1, counted.get(), "counted once");
        assertEquals(1, kept.size());
        assertNotSame(first, kept.getFirst(), "the cache holds the kept form, not the caller's key");
    }

    @Test
    void startsOverWhenItsEntriesWouldTakeMoreThanItMayHold() {
        // Each entry weighs its length plus 96 bytes of overhead: three fit in 700 bytes, the fourth does not.
        CountCache<String> cache = new CountCache<>(String::length, key -> key, 700);
        for (int i = 0; i < 3; i++) {
            cache.count("x".repeat(100) + i, null, ignored -> 1);
        }
        assertEquals(3, cache.size());

        cache.count("y".repeat(100), null, ignored -> 2);
        assertEquals(1, cache.size(), "started over with the newest entry only");
        AtomicInteger counted = new AtomicInteger();
        assertEquals(2, cache.count("y".repeat(100), null, ignored -> counted.incrementAndGet()));
        assertEquals(0, counted.get(), "the newest entry survives the fresh start");
    }
}
