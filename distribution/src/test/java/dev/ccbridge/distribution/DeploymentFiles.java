package dev.ccbridge.distribution;

import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's Dockerfile and Kubernetes manifests, read the way Docker and Kubernetes read them. */
final class DeploymentFiles {

    static final Path REPOSITORY = Path.of("..");
    static final Path DOCKERFILE = REPOSITORY.resolve("Dockerfile");
    static final Path KUBERNETES = REPOSITORY.resolve("deploy/kubernetes/ccbridge.yaml");

    private DeploymentFiles() {
    }

    /** @return every document of the Kubernetes manifest */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> kubernetes() {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(read(KUBERNETES))) {
            documents.add((Map<String, Object>) document);
        }
        return documents;
    }

    /** @return the manifest's document of that kind */
    static Map<String, Object> kind(String kind) {
        return kubernetes().stream().filter(document -> kind.equals(document.get("kind"))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " in " + KUBERNETES));
    }

    /** @return the Deployment's only container */
    @SuppressWarnings("unchecked")
    static Map<String, Object> container() {
        Map<String, Object> spec = map(map(map(kind("Deployment"), "spec"), "template"), "spec");
        List<Map<String, Object>> containers = (List<Map<String, Object>>) spec.get("containers");
        return containers.getFirst();
    }

    /** @return the container's environment: name to value, or to {@code null} when it comes from elsewhere */
    @SuppressWarnings("unchecked")
    static Map<String, String> containerEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> variable : (List<Map<String, Object>>) container().get("env")) {
            env.put((String) variable.get("name"), (String) variable.get("value"));
        }
        return env;
    }

    /** @return the paths of the container's HTTP probes */
    static List<String> kubernetesProbePaths() {
        List<String> paths = new ArrayList<>();
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            paths.add((String) map(map(container(), probe), "httpGet").get("path"));
        }
        return paths;
    }

    /**
     * @param instruction a Dockerfile instruction, e.g. {@code ENV}
     * @return the arguments of each occurrence in the final stage, continuation lines joined
     */
    static List<String> dockerInstructions(String instruction) {
        String text = read(DOCKERFILE).replaceAll("\\\\\\n\\s*", " ");
        String finalStage = text.substring(text.lastIndexOf("\nFROM "));
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile("(?m)^" + instruction + "\\s+(.*)$").matcher(finalStage);
        while (matcher.find()) {
            found.add(matcher.group(1).strip());
        }
        return found;
    }

    /** @return the final stage's {@code ENV} settings */
    static Map<String, String> dockerEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (String line : dockerInstructions("ENV")) {
            Matcher pair = Pattern.compile("([A-Z_]+)=(\\S+)").matcher(line);
            while (pair.find()) {
                env.put(pair.group(1), pair.group(2));
            }
        }
        return env;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> parent, String key) {
        Object child = parent.get(key);
        if (!(child instanceof Map<?, ?>)) {
            throw new AssertionError("no " + key + " in " + parent);
        }
        return (Map<String, Object>) child;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
