/**
 * Configuration: every key, its default and its validation ({@link org.openimps.ssp.config.SspConfig}), and
 * where the JSON file is found ({@link org.openimps.ssp.config.ConfigKeys}).
 */
package org.openimps.ssp.config;
