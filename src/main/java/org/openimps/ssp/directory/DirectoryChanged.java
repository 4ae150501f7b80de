package org.openimps.ssp.directory;

import java.util.Set;

/**
 * Fired (as a CDI event) when a reload changed, added, denied or removed peers: their connections and sessions
 * are dropped, so the next exchange uses the new settings.
 *
 * @param domains the changed domains, lower case
 */
public record DirectoryChanged(Set<String> domains) {
    public DirectoryChanged {
        domains = Set.copyOf(domains);
    }
}
