/**
 * Outbound half of the HTTP binding: one Eclipse Jersey client for the application, over the Apache 5
 * connector's keep-alive pool with a per-peer connection cap; redirects only where spec 5.5 allows them.
 */
package org.openimps.ssp.binding.http.outbound;
