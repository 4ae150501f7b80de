package org.openimps.ssp.it;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One HTTP/1.1 request exactly as a test wants it, right or wrong, on its own connection to loopback. The body
 * is written by a second thread while the reply is read, so a server that answers before the body is complete
 * (413 on the declared length, 408 for a slow drip) is seen as it answers.
 */
final class RawHttp {
    private static final int DRIP_MILLIS = 250;

    private RawHttp() {
    }

    /**
     * @param contentType empty: no Content-Type header
     * @param transfer    {@code length}, {@code chunked}, {@code drip} or {@code short}
     * @return the HTTP status of the reply, or -1 when the server closed without one
     */
    static int send(URI target, String method, String contentType, Map<String, String> headers, byte[] body,
                    String transfer, Long declaredLength) throws IOException, InterruptedException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), target.getPort())) {
            socket.setSoTimeout(15_000);
            StringBuilder head = new StringBuilder().append(method).append(' ').append(target.getRawPath())
                    .append(" HTTP/1.1\r\nHost: 127.0.0.1:").append(target.getPort()).append("\r\nConnection: close\r\n");
            if (!contentType.isEmpty()) {
                head.append("Content-Type: ").append(contentType).append("\r\n");
            }
            boolean chunked = "chunked".equals(transfer);
            if (chunked) {
                head.append("Transfer-Encoding: chunked\r\n");
            } else if (!"GET".equals(method) || body.length > 0) {
                head.append("Content-Length: ").append(declaredLength != null ? declaredLength : body.length).append("\r\n");
            }
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            Thread writer = new Thread(() -> writeBody(out, body, transfer), "raw-http-body");
            writer.setDaemon(true);
            writer.start();
            try {
                return ProbePeer.readReply(socket.getInputStream()).status();
            } catch (IOException e) {
                return -1;
            } finally {
                writer.interrupt();
            }
        }
    }

    private static void writeBody(OutputStream out, byte[] body, String transfer) {
        try {
            switch (transfer) {
                case "chunked" -> {
                    for (int at = 0; at < body.length; at += 8192) {
                        int n = Math.min(8192, body.length - at);
                        out.write((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(body, at, n);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                case "drip" -> {
                    for (byte b : body) {
                        out.write(b);
                        out.flush();
                        Thread.sleep(DRIP_MILLIS);
                    }
                }
                case "short" -> out.write(body, 0, body.length / 2);
                default -> out.write(body);
            }
            out.flush();
        } catch (IOException | InterruptedException e) {
            // the server answered (and perhaps closed) before the body was complete: that is what is tested
        }
    }
}
