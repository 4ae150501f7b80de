/**
 * Inbound half of the HTTP binding: the async servlet that checks each SSP POST, reads and decodes its
 * bounded body, answers the empty HTTP 200 at once and hands the message to the routing threads (container-managed, bounded).
 */
package org.openimps.ssp.binding.http.inbound;
