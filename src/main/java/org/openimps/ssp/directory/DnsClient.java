package org.openimps.ssp.directory;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;

/**
 * One DNS question and its answer, over UDP and, when the answer is truncated, TCP, on the calling thread.
 * dnsjava encodes and decodes the messages; its own resolvers are not used because they run a static selector
 * thread with a JVM shutdown hook, which would outlive an undeployed application.
 */
final class DnsClient {
    /** Largest DNS message over UDP (EDNS) or TCP. */
    private static final int MAX_MESSAGE = 65_535;

    private final List<InetSocketAddress> servers;
    private final int timeoutMillis;

    DnsClient(List<InetSocketAddress> servers, Duration timeout) {
        this.servers = List.copyOf(servers);
        this.timeoutMillis = (int) timeout.toMillis();
    }

    /** Asks each server in turn until one answers. */
    Message send(Message query) throws IOException {
        IOException last = new IOException("no DNS server configured or found");
        for (InetSocketAddress server : servers) {
            try {
                Message answer = overUdp(query, server);
                return answer.getHeader().getFlag(Flags.TC) ? overTcp(query, server) : answer;
            } catch (IOException e) {
                last = new IOException(server + ": " + e.getMessage(), e);
            }
        }
        throw last;
    }

    private Message overUdp(Message query, InetSocketAddress server) throws IOException {
        byte[] out = query.toWire();
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout(timeoutMillis);
            socket.connect(server);
            socket.send(new DatagramPacket(out, out.length));
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            byte[] buffer = new byte[MAX_MESSAGE];
            while (System.nanoTime() < deadline) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                socket.receive(packet);
                Message answer = new Message(Arrays.copyOf(packet.getData(), packet.getLength()));
                if (answer.getHeader().getID() == query.getHeader().getID()) {
                    return answer;
                }
            }
            throw new SocketTimeoutException("no answer within " + timeoutMillis + " ms");
        }
    }

    private Message overTcp(Message query, InetSocketAddress server) throws IOException {
        byte[] out = query.toWire();
        try (Socket socket = new Socket()) {
            socket.connect(server, timeoutMillis);
            socket.setSoTimeout(timeoutMillis);
            DataOutputStream writer = new DataOutputStream(socket.getOutputStream());
            writer.writeShort(out.length);
            writer.write(out);
            writer.flush();
            DataInputStream reader = new DataInputStream(socket.getInputStream());
            byte[] in = new byte[reader.readUnsignedShort()];
            reader.readFully(in);
            return new Message(in);
        }
    }
}
