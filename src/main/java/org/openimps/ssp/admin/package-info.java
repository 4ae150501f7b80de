/**
 * Operator- and demo-facing HTTP endpoints: the reference service's JSON API that the console page uses.
 */
package org.openimps.ssp.admin;
