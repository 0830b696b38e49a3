package dev.ccbridge.server.upstream;

import java.net.URL;
import java.net.URLClassLoader;

/**
 * The class loader of one plugin. It sees the JDK, the adapter SPI ({@code dev.ccbridge.api}) and Jakarta JSON-P
 * from the bridge, and its own jars; nothing else of the bridge (Helidon, the engine, other plugins), so a plugin
 * cannot depend on internals that change, and two plugins cannot clash over a library.
 */
final class PluginClassLoader extends URLClassLoader {

    /** Packages a plugin shares with the bridge; everything else resolves against the JDK and the plugin's jars. */
    private static final String[] SHARED_PACKAGES = {"dev.ccbridge.api.", "jakarta.json."};

    private final ClassLoader bridgeLoader;

    PluginClassLoader(String name, URL[] jars, ClassLoader bridgeLoader) {
        super(name, jars, ClassLoader.getPlatformClassLoader());
        this.bridgeLoader = bridgeLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        for (String shared : SHARED_PACKAGES) {
            if (name.startsWith(shared)) {
                return bridgeLoader.loadClass(name);
            }
        }
        return super.loadClass(name, resolve);
    }
}
