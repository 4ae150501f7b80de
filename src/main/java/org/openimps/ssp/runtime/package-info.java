/**
 * Container edge: CDI producers for the deployment's configuration, its managed executors and clock.
 * Everything container-specific that the inner layers need arrives through here.
 */
package org.openimps.ssp.runtime;
