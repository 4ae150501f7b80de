package org.openimps.ssp.config;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Configurations for tests, read the way a deployment reads its file: parsed and validated. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static SspConfig parse(String json) {
        return new ConfigParser().parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
