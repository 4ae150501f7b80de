package org.openimps.ssp.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The reloadable peer directory: a JSON file {@code {"peers": [...]}} named by {@code directoryFile}. Its entries
 * replace same-domain entries of the deployment's own {@code peers}.
 */
public class DirectoryFile {
    private List<PeerConfig> peers = new ArrayList<>();

    public List<PeerConfig> getPeers() {
        return List.copyOf(peers);
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
