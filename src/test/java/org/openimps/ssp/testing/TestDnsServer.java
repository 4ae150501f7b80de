package org.openimps.ssp.testing;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * An authoritative DNS server for tests, on a free UDP port of 127.0.0.1: answers from the records the test
 * adds (NXDOMAIN otherwise) and counts the questions it got. No system resolver is touched.
 */
public final class TestDnsServer implements AutoCloseable {
    private volatile long negativeTtl = 60;
    private final DatagramSocket socket;
    private final Map<String, List<Record>> records = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> questions = new ConcurrentHashMap<>();
    private final Thread loop;
    private volatile boolean open = true;

    public TestDnsServer() throws SocketException {
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(200);
        loop = new Thread(this::serve, "test-dns");
        loop.setDaemon(true);
        loop.start();
    }

    /** A server on a free loopback port, for static fields of tests. */
    public static TestDnsServer start() {
        try {
            return new TestDnsServer();
        } catch (SocketException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code 127.0.0.1:port}, as the module's {@code dns.servers} takes it. */
    public String address() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    public TestDnsServer srv(String domain, int priority, int weight, int port, String target, long ttl) {
        add(new SRVRecord(name("_imps-server._tcp." + domain), DClass.IN, ttl, priority, weight, port, name(target)));
        return this;
    }

    public TestDnsServer a(String host, String address, long ttl) {
        try {
            add(new ARecord(name(host), DClass.IN, ttl, InetAddress.getByName(address)));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    /** How long resolvers may keep a negative answer (the SOA minimum it carries), seconds; 60 by default. */
    public TestDnsServer negativeTtl(long seconds) {
        negativeTtl = seconds;
        return this;
    }

    /** How many questions about this name (any type) arrived. */
    public int questionsAbout(String name) {
        AtomicInteger n = questions.get(key(name(name)));
        return n == null ? 0 : n.get();
    }

    private void add(Record r) {
        records.computeIfAbsent(key(r.getName()), k -> new CopyOnWriteArrayList<>()).add(r);
    }

    private void serve() {
        byte[] buffer = new byte[4096];
        while (open) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                socket.receive(packet);
                Message query = new Message(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
                byte[] answer = answer(query).toWire(512);
                socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
            } catch (SocketTimeoutException e) {
                // look at the open flag again
            } catch (IOException e) {
                if (open) {
                    System.err.println("test DNS: " + e);
                }
            }
        }
    }

    private Message answer(Message query) {
        Record question = query.getQuestion();
        questions.computeIfAbsent(key(question.getName()), k -> new AtomicInteger()).incrementAndGet();
        Message response = new Message(query.getHeader().getID());
        response.getHeader().setFlag(Flags.QR);
        response.getHeader().setFlag(Flags.AA);
        response.addRecord(question, Section.QUESTION);
        List<Record> known = records.getOrDefault(key(question.getName()), List.of());
        if (known.isEmpty()) {
            response.getHeader().setRcode(Rcode.NXDOMAIN);
        }
        known.stream().filter(r -> r.getType() == question.getType() || question.getType() == Type.ANY)
                .forEach(r -> response.addRecord(r, Section.ANSWER));
        if (response.getSection(Section.ANSWER).isEmpty()) {
            // a negative answer names its zone's SOA, whose minimum is how long resolvers may keep it (RFC 2308)
            response.addRecord(new SOARecord(question.getName(), DClass.IN, negativeTtl, name("ns.test"),
                    name("hostmaster.test"), 1, 3600, 600, 86400, negativeTtl), Section.AUTHORITY);
        }
        return response;
    }

    private static Name name(String text) {
        try {
            return Name.fromString(text.endsWith(".") ? text : text + ".");
        } catch (TextParseException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String key(Name name) {
        return name.toString().toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() throws InterruptedException {
        open = false;
        socket.close();
        loop.join(2_000);
    }
}
