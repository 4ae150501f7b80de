package org.openimps.ssp.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every configuration the project ships (demo, samples) parses and validates, so no operator starts from a broken one. */
class ShippedConfigurationsTest {

    @ParameterizedTest
    @ValueSource(strings = {"webapp/WEB-INF/ssp-alpha.json", "webapp/WEB-INF/ssp-beta.json", "webapp/WEB-INF/ssp-gamma.json",
            "deploy/sample-ssp.json",
            "deploy/demo-https/ssp-alpha.json", "deploy/demo-https/ssp-beta.json"})
    void deploymentConfigurationIsValid(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            SspConfig config = new ConfigParser().parse(in, file);
            assertFalse(config.peers().isEmpty(), file);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/sample-peers.json"})
    void directoryFileIsValid(String file) throws IOException {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            assertEquals(2, new ConfigParser().parseDirectory(in, file).peers().size());
        }
    }
}
