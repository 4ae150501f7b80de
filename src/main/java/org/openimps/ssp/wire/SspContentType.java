package org.openimps.ssp.wire;

import java.util.Locale;

/** The registered SSP media type (spec 5.4). */
public final class SspContentType {
    public static final String VALUE = "application/vnd.wv.ssp+xml";
    public static final String WITH_CHARSET = VALUE + "; charset=UTF-8";

    private SspContentType() {
    }

    /** True when a Content-Type header names the SSP media type; parameters such as charset are allowed. */
    public static boolean matches(String header) {
        if (header == null) {
            return false;
        }
        int semicolon = header.indexOf(';');
        String type = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
        return type.toLowerCase(Locale.ROOT).equals(VALUE);
    }
}
