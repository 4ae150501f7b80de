package org.openimps.ssp.wire;

/** Deployed servers pad element text with newlines ({@code <Qualifier>\nT\n</Qualifier>}): values are trimmed. */
final class Texts {
    private Texts() {
    }

    static String trimmed(String value) {
        if (value == null) {
            return null;
        }
        String s = value.strip();
        return s.isEmpty() ? null : s;
    }

    static String firstOf(String preferred, String fallback) {
        String s = trimmed(preferred);
        return s != null ? s : trimmed(fallback);
    }
}
