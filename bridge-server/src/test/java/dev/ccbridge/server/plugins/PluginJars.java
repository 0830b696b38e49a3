package dev.ccbridge.server.plugins;

import dev.ccbridge.api.UpstreamAdapterFactory;

import jakarta.json.JsonObject;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Builds adapter plugins at test time, the way a third party would: Java source written to disk, compiled against
 * nothing but the bridge's SPI and JSON-P, and packed into jars with or without their
 * {@code META-INF/services} entry. No part of the bridge is rebuilt.
 *
 * <p>The adapter ({@code example.plugin.HelloFactory}) sends {@code x-plugin} (text from
 * {@code example.plugin.lib.Greeting}, its superclass, which may live in a jar of its own), adds
 * {@code plugin_field} to the body, and reports in {@code x-plugin-sees} which classes its class loader can load.
 */
final class PluginJars {

    static final String FACTORY = "example.plugin.HelloFactory";
    static final String SERVICES_FILE = "META-INF/services/" + UpstreamAdapterFactory.class.getName();
    /** Classes the plugin tries to load, and reports as {@code name:visible} or {@code name:ClassNotFoundException}. */
    static final List<String> PROBED = List.of("io.helidon.webserver.WebServer", "dev.ccbridge.server.Bridge",
            "dev.ccbridge.upstream.openai.GenericOpenAiAdapter", "dev.ccbridge.api.UpstreamAdapter",
            "jakarta.json.JsonObject");

    private static final String GREETING = """
            package example.plugin.lib;

            public class Greeting {
                protected Greeting() {
                }

                public static String text() {
                    return "hello";
                }
            }
            """;

    private static final String FACTORY_SOURCE = """
            package example.plugin;

            import dev.ccbridge.api.AdapterContext;
            import dev.ccbridge.api.AdapterSettings;
            import dev.ccbridge.api.Capabilities;
            import dev.ccbridge.api.OutboundRequest;
            import dev.ccbridge.api.UpstreamAdapter;
            import dev.ccbridge.api.UpstreamAdapterFactory;
            import example.plugin.lib.Greeting;
            import jakarta.json.Json;

            import java.net.URI;
            import java.util.ArrayList;
            import java.util.List;
            import java.util.Map;

            public final class HelloFactory extends Greeting implements UpstreamAdapterFactory {
                @Override
                public String id() {
                    return "%s";
                }

                @Override
                public UpstreamAdapter create(AdapterSettings settings, AdapterContext context) {
                    URI base = settings.getUri("base-url", null);
                    String key = settings.require("api-key");
                    String sees = sees();
                    return new UpstreamAdapter() {
                        @Override
                        public URI chatCompletionsUri(String model) {
                            return URI.create(base + "/chat/completions");
                        }

                        @Override
                        public Capabilities capabilities(String model) {
                            return Capabilities.builder().contextWindow(32000).maxOutputTokens(4096).build();
                        }

                        @Override
                        public void prepare(OutboundRequest request) {
                            request.headers().putAll(authHeaders(null));
                            request.headers().put("x-plugin", Greeting.text());
                            request.headers().put("x-plugin-sees", sees);
                            request.body(Json.createObjectBuilder(request.body())
                                    .add("plugin_field", Greeting.text()).build());
                        }

                        @Override
                        public Map<String, String> authHeaders(String callerKey) {
                            return Map.of("Authorization", "Bearer " + key);
                        }
                    };
                }

                private static String sees() {
                    List<String> seen = new ArrayList<>();
                    for (String name : List.of(%s)) {
                        try {
                            Class.forName(name, false, HelloFactory.class.getClassLoader());
                            seen.add(name + ":visible");
                        } catch (ClassNotFoundException e) {
                            seen.add(name + ":" + e.getClass().getSimpleName());
                        }
                    }
                    return String.join(",", seen);
                }
            }
            """;

    /** Compiled classes: the adapter's and the library's, in separate folders so they can go in separate jars. */
    record Compiled(Path adapterClasses, Path libraryClasses) {
    }

    private PluginJars() {
    }

    /**
     * @param id  the adapter id the factory declares
     * @param dir a scratch folder
     * @return the compiled classes
     */
    static Compiled compile(String id, Path dir) {
        try {
            Path sources = Files.createDirectories(dir.resolve("src"));
            Path greeting = write(sources.resolve("example/plugin/lib/Greeting.java"), GREETING);
            String probed = String.join(", ", PROBED.stream().map(name -> "\"" + name + "\"").toList());
            Path factory = write(sources.resolve("example/plugin/HelloFactory.java"),
                    FACTORY_SOURCE.formatted(id, probed));
            Path library = Files.createDirectories(dir.resolve("library-classes"));
            Path adapter = Files.createDirectories(dir.resolve("adapter-classes"));
            String spi = classPathOf(UpstreamAdapterFactory.class) + File.pathSeparator
                    + classPathOf(JsonObject.class);
            javac("-d", library.toString(), greeting.toString());
            javac("-d", adapter.toString(), "-cp", spi + File.pathSeparator + library, factory.toString());
            return new Compiled(adapter, library);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param jar       the jar to write
     * @param services  whether to register the factory in {@code META-INF/services}
     * @param classDirs folders of classes to include
     * @return the jar
     */
    static Path jar(Path jar, boolean services, Path... classDirs) {
        try {
            Files.createDirectories(jar.getParent());
            try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file)) {
                for (Path classes : classDirs) {
                    List<Path> files;
                    try (Stream<Path> walk = Files.walk(classes)) {
                        files = walk.filter(Files::isRegularFile).sorted().toList();
                    }
                    for (Path classFile : files) {
                        out.putNextEntry(new JarEntry(classes.relativize(classFile).toString().replace('\\', '/')));
                        out.write(Files.readAllBytes(classFile));
                        out.closeEntry();
                    }
                }
                if (services) {
                    out.putNextEntry(new JarEntry(SERVICES_FILE));
                    out.write((FACTORY + "\n").getBytes(StandardCharsets.UTF_8));
                    out.closeEntry();
                }
            }
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static void javac(String... args) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("the tests need a JDK with javac, not a JRE");
        }
        List<String> all = new ArrayList<>(List.of("--release", "21", "-proc:none"));
        all.addAll(List.of(args));
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = compiler.run(null, null, new PrintStream(errors, true, StandardCharsets.UTF_8),
                all.toArray(String[]::new));
        if (status != 0) {
            throw new AssertionError("the plugin source does not compile: " + errors.toString(StandardCharsets.UTF_8));
        }
    }

    private static String classPathOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
