package org.openimps.ssp.wire;

/**
 * Bounds on one SSP document.
 *
 * @param maxBytes    largest body accepted
 * @param maxDepth    deepest element nesting accepted
 * @param maxElements most elements accepted in one document
 */
public record XmlLimits(int maxBytes, int maxDepth, int maxElements) {
    public static final XmlLimits DEFAULT = new XmlLimits(64 * 1024, 32, 2_000);

    public XmlLimits {
        if (maxBytes < 1 || maxDepth < 2 || maxElements < 2) {
            throw new IllegalArgumentException("XML limits too small: " + maxBytes + "/" + maxDepth + "/" + maxElements);
        }
    }
}
