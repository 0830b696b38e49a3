package dev.ccbridge.server.upstream;

import dev.ccbridge.api.UpstreamAdapterFactory;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Finds adapters: those on the bridge's class path, and those in the plugins folder, where each
 * {@code <name>.jar} and each {@code <name>/} folder of jars is one plugin in its own {@link PluginClassLoader}.
 * Two adapters with one id are an error that names both places.
 */
public final class AdapterRegistry {

    /**
     * @param factory  the adapter's factory
     * @param location where it was found
     */
    public record Found(UpstreamAdapterFactory factory, String location) {
    }

    private final Map<String, Found> adapters;

    private AdapterRegistry(Map<String, Found> adapters) {
        this.adapters = adapters;
    }

    /**
     * @param pluginsDir the plugins folder; a missing folder means no plugins
     * @return the registry
     * @throws IllegalStateException when two adapters share an id or a plugin cannot be loaded
     */
    public static AdapterRegistry discover(Path pluginsDir) {
        Map<String, Found> found = new TreeMap<>();
        ClassLoader bridgeLoader = AdapterRegistry.class.getClassLoader();
        for (UpstreamAdapterFactory factory : load(bridgeLoader, "the class path")) {
            add(found, factory, codeLocation(factory));
        }
        for (Plugin plugin : plugins(pluginsDir)) {
            PluginClassLoader loader = new PluginClassLoader("plugin-" + plugin.name(), plugin.jars(), bridgeLoader);
            List<UpstreamAdapterFactory> factories = load(loader, plugin.location());
            if (factories.isEmpty()) {
                throw new IllegalStateException("plugin " + plugin.location() + " holds no adapter: it needs a "
                        + "META-INF/services/" + UpstreamAdapterFactory.class.getName() + " file");
            }
            for (UpstreamAdapterFactory factory : factories) {
                add(found, factory, plugin.location());
            }
        }
        return new AdapterRegistry(Map.copyOf(found));
    }

    /**
     * @param id an adapter id
     * @return the adapter
     * @throws IllegalArgumentException naming every adapter found when the id is unknown
     */
    public Found require(String id) {
        Found found = adapters.get(id);
        if (found == null) {
            throw new IllegalArgumentException("no adapter with id '" + id + "'; found: " + describe());
        }
        return found;
    }

    /**
     * @return every adapter found, by id
     */
    public Map<String, Found> all() {
        return adapters;
    }

    /**
     * @return the adapters found and where, for messages
     */
    public String describe() {
        if (adapters.isEmpty()) {
            return "none";
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(adapters).forEach((id, found) -> {
            if (!text.isEmpty()) {
                text.append(", ");
            }
            text.append(id).append(" (").append(found.location()).append(')');
        });
        return text.toString();
    }

    private static void add(Map<String, Found> found, UpstreamAdapterFactory factory, String location) {
        Found earlier = found.putIfAbsent(factory.id(), new Found(factory, location));
        if (earlier != null) {
            throw new IllegalStateException("two adapters have the id '" + factory.id() + "': "
                    + earlier.location() + " and " + location + "; remove one of them");
        }
    }

    private static List<UpstreamAdapterFactory> load(ClassLoader loader, String where) {
        List<UpstreamAdapterFactory> factories = new ArrayList<>();
        try {
            for (UpstreamAdapterFactory factory : ServiceLoader.load(UpstreamAdapterFactory.class, loader)) {
                factories.add(factory);
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("cannot load an adapter from " + where + ": " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new IllegalStateException("cannot load an adapter from " + where + ": " + e + "; a class it needs "
                    + "is missing or was built for a newer Java: put the jars it depends on next to it in a "
                    + "plugins/<name>/ folder", e);
        }
        return factories;
    }

    private record Plugin(String name, String location, URL[] jars) {
    }

    private static List<Plugin> plugins(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Plugin> plugins = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.sorted().toList()) {
                String file = entry.getFileName().toString();
                if (Files.isRegularFile(entry) && file.endsWith(".jar")) {
                    plugins.add(new Plugin(file.substring(0, file.length() - 4), entry.toString(),
                            new URL[] {url(entry)}));
                } else if (Files.isDirectory(entry)) {
                    List<URL> jars = new ArrayList<>();
                    try (Stream<Path> inner = Files.list(entry)) {
                        for (Path jar : inner.sorted().toList()) {
                            if (jar.getFileName().toString().endsWith(".jar")) {
                                jars.add(url(jar));
                            }
                        }
                    }
                    if (!jars.isEmpty()) {
                        plugins.add(new Plugin(file, entry + "/", jars.toArray(URL[]::new)));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the plugins folder " + dir + ": " + e.getMessage(), e);
        }
        return plugins;
    }

    private static URL url(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException("bad plugin path " + jar, e);
        }
    }

    private static String codeLocation(Object factory) {
        CodeSource source = factory.getClass().getProtectionDomain().getCodeSource();
        return source == null ? "the class path" : source.getLocation().toString();
    }
}
