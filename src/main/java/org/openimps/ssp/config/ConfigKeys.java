package org.openimps.ssp.config;

/**
 * Where a deployment finds its configuration file, first match wins:
 * <ol>
 * <li>system property {@value #SYSTEM_PROPERTY_PREFIX}{@code <context>} (e.g. {@code ssp.config.alpha}): a file path;</li>
 * <li>system property {@value #SYSTEM_PROPERTY}: a file path;</li>
 * <li>context parameter {@value #CONTEXT_PARAM} in web.xml: a file path or a {@code /WEB-INF/...} resource;</li>
 * <li>the resource {@code /WEB-INF/ssp-<context>.json} in the WAR;</li>
 * <li>the resource {@value #DEFAULT_RESOURCE} in the WAR.</li>
 * </ol>
 * {@code <context>} is the context path without its leading slash ("ROOT" for the root context), so one WAR
 * deployed twice (alpha.war, beta.war) serves two domains.
 */
public final class ConfigKeys {
    public static final String SYSTEM_PROPERTY = "ssp.config";
    public static final String SYSTEM_PROPERTY_PREFIX = "ssp.config.";
    public static final String CONTEXT_PARAM = "ssp.config";
    public static final String CONTEXT_RESOURCE_PATTERN = "/WEB-INF/ssp-%s.json";
    public static final String DEFAULT_RESOURCE = "/WEB-INF/ssp.json";

    private ConfigKeys() {
    }
}
