package dev.ccbridge.server.testing;

import dev.ccbridge.server.IdGenerator;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Predictable ids: {@code msg_0001}, {@code msg_0002}, ... per prefix. */
public final class SequentialIds implements IdGenerator {

    private final ConcurrentHashMap<String, AtomicInteger> counters = new ConcurrentHashMap<>();

    @Override
    public String next(String prefix) {
        int n = counters.computeIfAbsent(prefix, p -> new AtomicInteger()).incrementAndGet();
        return prefix + String.format("%04d", n);
    }
}
