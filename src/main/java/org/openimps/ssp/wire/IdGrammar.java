package org.openimps.ssp.wire;

/**
 * The id grammar of spec 5.6: {@code 1*(ALPHA / DIGIT / "_")}. We send only strict ids; we accept the
 * liberal form real peers send (with '-', '@', '.', ':'), bounded in length.
 */
public final class IdGrammar {
    /** Longest transaction or session id we accept from the network. */
    public static final int MAX_LENGTH = 128;

    private IdGrammar() {
    }

    /** The spec's grammar: what we always send. */
    public static boolean isStrict(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(isAsciiLetterOrDigit(c) || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** What we accept: strict characters plus the punctuation deployed peers put in ids. */
    public static boolean isAcceptable(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(isAsciiLetterOrDigit(c) || "_-@.:".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
