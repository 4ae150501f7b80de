/**
 * The composition root: the one place that knows every layer. It loads the configuration, registers the
 * servlets (SSP, reference, admin, bridge) and picks the host, so that the bindings below depend on nothing above
 * them.
 */
package org.openimps.ssp.app;
