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
        SspConfig config = read(json, SspConfig.class, "SSP configuration " + source);
        var problems = config.validate();
        if (!problems.isEmpty()) {
            throw new ConfigException("SSP configuration " + source + " is not usable: " + String.join("; ", problems));
        }
        return config;
    }

    public DirectoryFile parseDirectory(InputStream json, String source) {
        DirectoryFile directory = read(json, DirectoryFile.class, "peer directory " + source);
        var problems = directory.validate();
        if (!problems.isEmpty()) {
            throw new ConfigException("peer directory " + source + " is not usable: " + String.join("; ", problems));
        }
        return directory;
    }

    private static <T> T read(InputStream json, Class<T> type, String what) {
        JsonbConfig jsonbConfig = new JsonbConfig().withPropertyVisibilityStrategy(new FieldsOnly());
        T value;
        try (Jsonb jsonb = JsonbBuilder.create(jsonbConfig)) {
            value = jsonb.fromJson(json, type);
        } catch (JsonbException e) {
            throw new ConfigException(what + " is not valid JSON for its keys: " + e.getMessage(), e);
        } catch (Exception e) {
            throw new ConfigException(what + " cannot be read: " + e.getMessage(), e);
        }
        if (value == null) {
            throw new ConfigException(what + " is empty");
        }
        return value;
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
