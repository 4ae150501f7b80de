/**
 * Where peers are and what we allow them: the static and reloadable peer directory, DNS SRV discovery of
 * peers without a URL ({@code _imps-server._tcp.<domain>}, with the records' TTLs), and the endpoint each
 * peer's handshake settled on. Below the session layer; knows nothing of HTTP beyond URLs.
 */
package org.openimps.ssp.directory;
