package org.openimps.ssp.config;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;
import jakarta.json.bind.JsonbException;
import jakarta.json.bind.config.PropertyVisibilityStrategy;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;

/** Reads and validates an {@link SspConfig} from JSON with Yasson (JSON-B), binding private fields. */
public final class ConfigParser {

    public SspConfig parse(InputStream json, String source) {
        JsonbConfig jsonbConfig = new JsonbConfig().withPropertyVisibilityStrategy(new FieldsOnly());
        SspConfig config;
        try (Jsonb jsonb = JsonbBuilder.create(jsonbConfig)) {
            config = jsonb.fromJson(json, SspConfig.class);
        } catch (JsonbException e) {
            throw new ConfigException("SSP configuration " + source + " is not valid JSON for its keys: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new ConfigException("SSP configuration " + source + " cannot be read: " + e.getMessage(), e);
        }
        if (config == null) {
            throw new ConfigException("SSP configuration " + source + " is empty");
        }
        var problems = config.validate();
        if (!problems.isEmpty()) {
            throw new ConfigException("SSP configuration " + source + " is not usable: " + String.join("; ", problems));
        }
        return config;
    }

    /** Fields are the JSON keys; getters are for code and must not be read as extra keys. */
    private static final class FieldsOnly implements PropertyVisibilityStrategy {
        @Override
        public boolean isVisible(Field field) {
            return true;
        }

        @Override
        public boolean isVisible(Method method) {
            return false;
        }
    }
}
