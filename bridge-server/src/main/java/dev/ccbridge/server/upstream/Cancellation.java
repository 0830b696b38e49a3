package dev.ccbridge.server.upstream;

import java.util.ArrayList;
import java.util.List;

/**
 * Lets one exchange's upstream work be abandoned from another thread, e.g. when its client went away: whatever
 * holds an upstream resource (a request waiting for its head, a body being read, a stream reader) registers how to
 * release it, and {@link #cancel()} runs every registered release once. A release registered after the
 * cancellation runs at once, so there is no window in which a resource escapes it.
 */
public final class Cancellation {

    /** A registered release; closing it unregisters the release once the resource is released normally. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    private final List<Runnable> releases = new ArrayList<>(2);
    private boolean cancelled;

    /**
     * @param release how to release a resource; must not block
     * @return the registration, to close when the resource is released normally
     */
    public Registration onCancel(Runnable release) {
        synchronized (releases) {
            if (!cancelled) {
                releases.add(release);
                return () -> {
                    synchronized (releases) {
                        releases.remove(release);
                    }
                };
            }
        }
        release.run();
        return () -> {
        };
    }

    /** Releases every registered resource, once. */
    public void cancel() {
        List<Runnable> toRun;
        synchronized (releases) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            toRun = List.copyOf(releases);
            releases.clear();
        }
        toRun.forEach(Runnable::run);
    }

    /**
     * @return whether {@link #cancel()} was called
     */
    public boolean cancelled() {
        synchronized (releases) {
            return cancelled;
        }
    }
}
