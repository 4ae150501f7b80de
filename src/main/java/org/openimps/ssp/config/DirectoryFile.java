package org.openimps.ssp.config;

import jakarta.json.bind.annotation.JsonbCreator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The reloadable peer directory: a JSON file {@code {"peers": [...]}} named by {@code directoryFile}. Its entries
 * replace same-domain entries of the deployment's own {@code peers}. Immutable.
 *
 * @param peers the entries; required. Null entries are kept so {@link #validate()} can name them.
 */
public record DirectoryFile(List<PeerConfig> peers) {

    @JsonbCreator
    public DirectoryFile {
        peers = peers == null ? null : Collections.unmodifiableList(new ArrayList<>(peers));
    }

    /** Every problem of the file, empty when it is usable. */
    public List<String> validate() {
        List<String> out = new ArrayList<>();
        if (peers == null) {
            out.add("peers is required");
            return out;
        }
        for (int i = 0; i < peers.size(); i++) {
            if (peers.get(i) == null) {
                out.add("peers[" + i + "] is empty");
            } else {
                out.addAll(peers.get(i).problems("peers[" + i + "]"));
            }
        }
        return out;
    }
}
