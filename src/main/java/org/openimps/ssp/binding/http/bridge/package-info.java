/**
 * The JSON bridge for host IMPS servers in another deployment: inbound primitives POSTed to the host's callback
 * URL ({@link org.openimps.ssp.binding.http.bridge.CallbackHost}), outbound ones accepted at
 * {@code /api/bridge/send} (admin.BridgeApiServlet).
 */
package org.openimps.ssp.binding.http.bridge;
