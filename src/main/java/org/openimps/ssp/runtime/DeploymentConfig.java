package org.openimps.ssp.runtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import org.openimps.ssp.config.ConfigException;
import org.openimps.ssp.config.ConfigKeys;
import org.openimps.ssp.config.ConfigParser;
import org.openimps.ssp.config.SspConfig;
import org.openimps.ssp.wire.SspCodec;
import org.openimps.ssp.wire.XmlLimits;

/**
 * Loads this deployment's configuration once (see {@link ConfigKeys} for where it is looked for) and produces
 * it, with the codec built from its bounds, for the rest of the module. The bootstrap listener calls
 * {@link #load} with its ServletContext: Weld cannot inject one while listeners are being created on WildFly.
 */
@ApplicationScoped
public class DeploymentConfig {
    private static final Logger LOG = Logger.getLogger(DeploymentConfig.class.getName());

    private SspConfig config;
    private String source;
    private SspCodec codec;

    public synchronized void load(ServletContext servletContext) {
        if (config != null) {
            return;
        }
        String context = servletContext.getContextPath().isEmpty() ? "ROOT" : servletContext.getContextPath().substring(1);
        String path = firstNonBlank(System.getProperty(ConfigKeys.SYSTEM_PROPERTY_PREFIX + context),
                System.getProperty(ConfigKeys.SYSTEM_PROPERTY), servletContext.getInitParameter(ConfigKeys.CONTEXT_PARAM));
        try (InputStream in = open(servletContext, path, context)) {
            config = new ConfigParser().parse(in, source);
        } catch (IOException e) {
            throw new ConfigException("SSP configuration " + source + " cannot be read: " + e.getMessage(), e);
        }
        codec = new SspCodec(new XmlLimits(config.maxBodyBytes(), config.maxXmlDepth(), config.maxXmlElements()));
        LOG.info(() -> "SSP domain " + config.domain() + " configured from " + source + " with "
                + config.peers().size() + " peer(s)");
    }

    @Produces
    SspConfig config() {
        return loaded(config);
    }

    @Produces
    SspCodec codec() {
        return loaded(codec);
    }

    private static <T> T loaded(T value) {
        if (value == null) {
            throw new IllegalStateException("SSP configuration used before the deployment loaded it");
        }
        return value;
    }

    private InputStream open(ServletContext servletContext, String path, String context) {
        if (path != null && !path.startsWith("/WEB-INF/")) {
            source = path;
            try {
                return Files.newInputStream(Path.of(path));
            } catch (IOException e) {
                throw new UncheckedIOException("SSP configuration file " + path + " cannot be opened", e);
            }
        }
        for (String resource : new String[] {path, String.format(ConfigKeys.CONTEXT_RESOURCE_PATTERN, context),
                ConfigKeys.DEFAULT_RESOURCE}) {
            InputStream in = resource == null ? null : servletContext.getResourceAsStream(resource);
            if (in != null) {
                source = resource;
                return in;
            }
        }
        throw new ConfigException("no SSP configuration for context " + context + ": set system property "
                + ConfigKeys.SYSTEM_PROPERTY_PREFIX + context + " or " + ConfigKeys.SYSTEM_PROPERTY
                + ", or add " + String.format(ConfigKeys.CONTEXT_RESOURCE_PATTERN, context) + " to the WAR");
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
