package org.openimps.ssp.binding.http.inbound;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request body up to a bound; SSP bodies are small, so a blocking read is the fast path on both servers. */
final class BodyReader {
    private BodyReader() {
    }

    /** The body, or null when it is longer than {@code max} bytes. */
    static byte[] read(InputStream in, int max, long contentLength) throws IOException {
        int initial = contentLength > 0 ? (int) Math.min(contentLength, max) : 1024;
        ByteArrayOutputStream out = new ByteArrayOutputStream(initial);
        byte[] buffer = new byte[8192];
        int total = 0;
        int n;
        while ((n = in.read(buffer)) != -1) {
            total += n;
            if (total > max) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
