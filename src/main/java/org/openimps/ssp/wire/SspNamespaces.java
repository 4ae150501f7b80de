package org.openimps.ssp.wire;

import java.util.Set;

/** The SSP message namespaces: we always send 1.3 and accept older ones (or none) from legacy peers. */
public final class SspNamespaces {
    public static final String SSP_1_3 = "http://www.openmobilealliance.org/DTD/WV-SSP1.3";
    public static final String SSP_1_2 = "http://www.openmobilealliance.org/DTD/WV-SSP1.2";
    public static final String SSP_1_1 = "http://www.wireless-village.org/SSP1.1";

    /**
     * The CSP presence attribute namespace: {@code PresenceSubList} and everything in it. Read whatever namespace
     * the peer used there (deployed servers write none, inheriting the SSP one); written in this one.
     */
    public static final String PA_1_3 = "http://www.openmobilealliance.org/DTD/WV-PA1.3";

    /** Namespaces read as if they were 1.3; the empty string stands for "no namespace". */
    public static final Set<String> ACCEPTED = Set.of(SSP_1_3, SSP_1_2, SSP_1_1, "");

    private SspNamespaces() {
    }
}
