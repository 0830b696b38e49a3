package dev.ccbridge.distribution;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Keeps the Dockerfile and the Kubernetes manifests honest without a container runtime: what they copy, run,
 * expose and probe exists in the distribution and the bridge, and every setting they pass is one the README
 * documents (and so one the bridge reads). {@link DistributionIT} checks that the probed paths answer.
 */
class DeploymentFilesIT {

    private static final String README = DeploymentFiles.read(DeploymentFiles.REPOSITORY.resolve("README.md"));

    @Test
    void theImageRunsTheDistributionsLauncherOnThePortItExposes() {
        List<String> copies = DeploymentFiles.dockerInstructions("COPY");
        assertEquals(List.of("--from=build /src/distribution/target/ccbridge /opt/ccbridge"), copies);
        assertEquals(List.of("[\"/opt/ccbridge/bin/ccbridge\"]"), DeploymentFiles.dockerInstructions("ENTRYPOINT"));
        assertTrue(Files.isExecutable(DistributionIT.DISTRIBUTION.resolve("bin/ccbridge")));
        Map<String, String> env = DeploymentFiles.dockerEnvironment();
        assertEquals(List.of(env.get("PORT")), DeploymentFiles.dockerInstructions("EXPOSE"));
        assertEquals("0.0.0.0", env.get("HOST"));
        String build = DeploymentFiles.read(DeploymentFiles.DOCKERFILE);
        assertTrue(build.contains("RUN ./mvnw -B -q -DskipTests package -pl distribution -am"), build);
    }

    @Test
    void theDeploymentListensProbesAndServesWhereTheBridgeDoes() {
        Map<String, Object> container = DeploymentFiles.container();
        Map<String, String> env = DeploymentFiles.containerEnvironment();
        @SuppressWarnings("unchecked")
        Map<String, Object> port = ((List<Map<String, Object>>) container.get("ports")).getFirst();
        assertEquals(Integer.parseInt(env.get("PORT")), port.get("containerPort"));
        assertEquals("0.0.0.0", env.get("HOST"));
        assertEquals(List.of("/observe/health/live", "/observe/health/ready", "/observe/health/live"),
                DeploymentFiles.kubernetesProbePaths());
        @SuppressWarnings("unchecked")
        Map<String, Object> servicePort = ((List<Map<String, Object>>) DeploymentFiles.map(
                DeploymentFiles.kind("Service"), "spec").get("ports")).getFirst();
        assertEquals(port.get("name"), servicePort.get("targetPort"));
        assertTrue(env.get("BRIDGE_USAGE_DIR").startsWith("/var/lib/ccbridge/"),
                "usage records go to the mounted volume");
    }

    @Test
    void everySettingTheyPassIsDocumented() {
        for (Map<String, String> env : List.of(DeploymentFiles.containerEnvironment(),
                DeploymentFiles.dockerEnvironment())) {
            for (String name : env.keySet()) {
                assertTrue(README.contains("`" + name + "`"), name + " is not documented in the README");
            }
        }
    }

    @Test
    void theExampleConfigurationAndThePluginsFolderShip() {
        Path conf = DistributionIT.DISTRIBUTION.resolve("conf/ccbridge.example.yaml");
        assertTrue(Files.isRegularFile(conf));
        assertTrue(README.contains("conf/ccbridge.example.yaml"), "the README points at the example");
    }
}
