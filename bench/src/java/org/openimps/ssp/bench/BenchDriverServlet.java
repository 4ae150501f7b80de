package org.openimps.ssp.bench;

import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import javax.management.JMException;
import javax.management.ObjectName;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;
import org.openimps.ssp.binding.http.outbound.JerseyPeerTransport;
import org.openimps.ssp.config.PeerConfig;
import org.openimps.ssp.correlation.CorrelationStore;
import org.openimps.ssp.directory.PeerDirectory;
import org.openimps.ssp.protocol.OutboundPost;
import org.openimps.ssp.protocol.PeerTransport.TransportException;
import org.openimps.ssp.spi.Federation;
import org.openimps.ssp.monitor.Monitor;
import org.openimps.ssp.wire.SendMessageRequest;

/**
 * Runs load from inside the sending deployment, so the baseline and the SSP load use the same Jersey transport
 * (same lanes, same connection count). Answers JSON with counts and latency percentiles in microseconds.
 * <pre>
 * GET /bench/baseline?target=URL&amp;senders=C&amp;seconds=S&amp;pairs=N   empty POSTs, closed loop
 * GET /bench/ssp?to=wv:bob@beta.test&amp;senders=C&amp;seconds=S           SendMessage transactions, closed loop
 * GET /bench/rate?to=...&amp;rate=R&amp;seconds=S&amp;slowPercent=P          open loop at R tx/s, P % marked [slow]
 * GET /bench/flood?to=...&amp;count=N                                    N transactions sent, none answered: returns
 *                                                                      when all N are pending
 * GET /bench/enqueue?to=...&amp;count=N&amp;window=W                            N sends to a peer that is away: returns once
 *                                                                      each was stored (Status 202) or is held in memory,
 *                                                                      with at most W stages open at once
 * GET /bench/queued                                                     outbound requests accepted and not yet delivered
 * GET /bench/store                                                      commits and writes of the grouped store writes
 * GET /bench/jit                                                        milliseconds the JIT compilers have worked so far
 * GET /bench/gc                                                         the bytes each live thread has allocated so far,
 *                                                                      and this JVM's process id
 * GET /bench/heap                                                       heap used after a full GC, and the class
 *                                                                      histogram (the JVM's GC.class_histogram)
 * GET /bench/jfr?action=start|stop&amp;file=F&amp;settings=S                  a JFR recording of this JVM (JFR.start/stop),
 *                                                                      "profile" settings plus the file S if given
 * </pre>
 * With {@code peer=D}, the baseline uses the deployment's configuration of peer D (its connection pairs and TLS
 * settings) for the empty POSTs, so the two loads share one client setup.
 */
@WebServlet(urlPatterns = "/bench/*", asyncSupported = true)
public class BenchDriverServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final long MAX_MICROS = TimeUnit.SECONDS.toMicros(60);

    @Inject
    transient Federation federation;
    @Inject
    transient JerseyPeerTransport transport;
    @Inject
    transient PeerDirectory directory;
    @Inject
    transient CorrelationStore correlation;
    @Inject
    transient Monitor monitor;
    private final transient Jsonb jsonb = JsonbBuilder.create();

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int seconds = Integer.parseInt(param(req, "seconds", "5"));
        Map<String, Object> out;
        try {
            out = switch (req.getPathInfo()) {
                case "/baseline" -> baseline(URI.create(req.getParameter("target")), Integer.parseInt(param(req, "senders", "1")),
                        seconds, req.getParameter("peer"));
                case "/flood" -> flood(req.getParameter("to"), Integer.parseInt(req.getParameter("count")));
                case "/heap" -> heap();
                case "/enqueue" -> enqueue(req.getParameter("to"), Integer.parseInt(req.getParameter("count")),
                        Integer.parseInt(param(req, "window", "12000")));
                case "/queued" -> Map.of("queued", meter("ssp_outbound_queued"));
                case "/store" -> store();
                case "/jit" -> Map.of("compileMillis", ManagementFactory.getCompilationMXBean().getTotalCompilationTime());
                case "/gc" -> gc();
                case "/jfr" -> jfr(req.getParameter("action"), req.getParameter("file"), req.getParameter("settings"));
                case "/ssp" -> closedLoop(req.getParameter("to"), Integer.parseInt(param(req, "senders", "1")), seconds);
                case "/rate" -> openLoop(req.getParameter("to"), Integer.parseInt(req.getParameter("rate")), seconds,
                        Double.parseDouble(param(req, "slowPercent", "0")));
                default -> Map.of("error", "unknown bench " + req.getPathInfo());
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            out = Map.of("error", "interrupted");
        }
        byte[] body = jsonb.toJson(out).getBytes(StandardCharsets.UTF_8);
        resp.setContentType("application/json");
        resp.setContentLength(body.length);
        resp.getOutputStream().write(body);
    }

    private Map<String, Object> baseline(URI target, int senders, int seconds, String peerDomain) throws InterruptedException {
        PeerConfig peer = peerDomain == null ? new PeerConfig("baseline.bench", target.toString())
                : directory.find(peerDomain).orElseThrow();
        AtomicLong ids = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Recorder latency = new Recorder(3);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        for (int i = 0; i < senders; i++) {
            pool.execute(() -> {
                while (System.nanoTime() < end) {
                    long t0 = System.nanoTime();
                    try {
                        transport.post(new OutboundPost(peer, target, new byte[0], "b" + ids.incrementAndGet(), null, false));
                        latency.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - t0) / 1_000));
                        done.incrementAndGet();
                    } catch (TransportException e) {
                        failed.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 30L, TimeUnit.SECONDS);
        return result(done.get(), failed.get(), seconds, latency.getIntervalHistogram());
    }

    private Map<String, Object> closedLoop(String to, int senders, int seconds) throws InterruptedException {
        String domain = to.substring(to.indexOf('@') + 1);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Recorder latency = new Recorder(3);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        CountDownLatch finished = new CountDownLatch(senders);
        for (int i = 0; i < senders; i++) {
            sendNext(domain, to, end, done, failed, latency, finished);
        }
        finished.await(seconds + 60L, TimeUnit.SECONDS);
        return result(done.get(), failed.get(), seconds, latency.getIntervalHistogram());
    }

    /** One virtual sender: the next transaction starts when the previous one's response came. */
    private void sendNext(String domain, String to, long end, AtomicLong done, AtomicLong failed, Recorder latency,
                          CountDownLatch finished) {
        if (System.nanoTime() >= end) {
            finished.countDown();
            return;
        }
        long t0 = System.nanoTime();
        federation.send(domain, new SendMessageRequest(sender(), to, "bench")).whenComplete((reply, e) -> {
            if (e == null && reply.status().getCode() == 200) {
                latency.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - t0) / 1_000));
                done.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
            sendNext(domain, to, end, done, failed, latency, finished);
        });
    }

    private Map<String, Object> openLoop(String to, int rate, int seconds, double slowPercent) throws InterruptedException {
        String domain = to.substring(to.indexOf('@') + 1);
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        Recorder fast = new Recorder(3);
        long total = (long) rate * seconds;
        CountDownLatch all = new CountDownLatch((int) total);
        long slowEvery = slowPercent > 0 ? Math.round(100 / slowPercent) : 0;
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long periodNanos = 1_000_000_000L / rate;
        clock.scheduleAtFixedRate(() -> {
            long n = sent.incrementAndGet();
            if (n > total) {
                return;
            }
            boolean slow = slowEvery > 0 && n % slowEvery == 0;
            long t0 = System.nanoTime();
            federation.send(domain, new SendMessageRequest(sender(), to, slow ? "[slow] bench" : "bench"))
                    .whenComplete((reply, e) -> {
                        if (e == null && reply.status().getCode() == 200) {
                            if (!slow) {
                                fast.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - t0) / 1_000));
                            }
                            done.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                        all.countDown();
                    });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        all.await(seconds + 60L, TimeUnit.SECONDS);
        clock.shutdownNow();
        return result(done.get(), failed.get(), seconds, fast.getIntervalHistogram());
    }

    /**
     * Sends {@code count} requests nobody answers; returns once they are all pending, or when their number has
     * not grown for 10 s (refused at a bound). Nothing is kept here per request, so the heap measured after is
     * the module's alone.
     */
    private Map<String, Object> flood(String to, int count) throws InterruptedException {
        String domain = to.substring(to.indexOf('@') + 1);
        long t0 = System.nanoTime();
        int before = correlation.size();
        for (int i = 0; i < count; i++) {
            federation.send(domain, new SendMessageRequest(sender(), to, "pending " + i));
            if (i % 500 == 499) {
                awaitPending(before, i - 1_000); // at most ~1,000 sends ahead of the store threads and their queue
            }
        }
        awaitPending(before, count);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pending", correlation.size() - before);
        out.put("seconds", (System.nanoTime() - t0) / 1e9);
        return out;
    }

    /**
     * Sends {@code count} requests to a peer that is away. The first ones stay in memory, waiting for it; beyond
     * what a line holds each is stored and its stage completes with Status 202. At most {@code window} stages are
     * open at once (the sends in memory plus those being stored); a send refused with 503 (the store's intake is
     * full) is sent again, as a host does after a 503. Returns when every send completed or is among those that
     * stay open (their number stopped changing for 3 s).
     */
    private Map<String, Object> enqueue(String to, int count, int window) throws InterruptedException {
        String domain = to.substring(to.indexOf('@') + 1);
        Semaphore open = new Semaphore(window);
        Queue<Integer> again = new ConcurrentLinkedQueue<>();
        Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();
        LongAdder refused = new LongAdder();
        long t0 = System.nanoTime();
        int next = 0;
        int last = -1;
        long still = System.nanoTime();
        while (System.nanoTime() - still < TimeUnit.SECONDS.toNanos(3)) {
            Integer retry = again.poll();
            if (retry == null && next == count) {
                int now = open.availablePermits();
                if (now != last || !again.isEmpty()) {
                    last = now;
                    still = System.nanoTime();
                }
                Thread.sleep(50);
                continue;
            }
            if (retry != null && again.size() > window / 10) {
                Thread.sleep(1); // the intake is full: let the store catch up
            }
            if (!open.tryAcquire(60, TimeUnit.SECONDS)) {
                break; // every open stage stayed open for a minute: the rest would wait as long
            }
            int i = retry != null ? retry : next++;
            still = System.nanoTime();
            federation.send(domain, new SendMessageRequest(sender(), to, "outage " + i)).whenComplete((reply, e) -> {
                int code = e == null ? reply.status().getCode() : -1;
                if (code == 503) {
                    refused.increment();
                    again.add(i);
                } else {
                    byStatus.computeIfAbsent(code, c -> new LongAdder()).increment();
                }
                open.release();
            });
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seconds", (still - t0) / 1e9);
        out.put("inMemory", window - open.availablePermits());
        out.put("refusedAndSentAgain", refused.sum());
        Map<String, Long> statuses = new java.util.TreeMap<>();
        byStatus.forEach((code, n) -> statuses.put(String.valueOf(code), n.sum()));
        out.put("statuses", statuses);
        return out;
    }

    /** One of the module's own meters, summed over its series (0 when it has none). */
    private double meter(String name) {
        return monitor.scrape().lines().filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private void awaitPending(int before, int target) throws InterruptedException {
        int last = -1;
        long lastGrowth = System.nanoTime();
        while (correlation.size() - before < target && System.nanoTime() - lastGrowth < TimeUnit.SECONDS.toNanos(10)) {
            int now = correlation.size();
            if (now != last) {
                last = now;
                lastGrowth = System.nanoTime();
            }
            Thread.sleep(10);
        }
    }

    /**
     * The bytes each live thread has allocated so far, and its name, read before and after a run for the
     * allocation per transaction and who allocated it; and the process id, for the JVM's pause counters (the bench reads them with jcmd).
     */
    private static Map<String, Object> gc() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pid", ProcessHandle.current().pid());
        // through the MBean server: WildFly does not let deployments see com.sun.management
        long[] ids = ManagementFactory.getThreadMXBean().getAllThreadIds();
        try {
            long[] bytes = (long[]) ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(ManagementFactory.THREAD_MXBEAN_NAME),
                    "getThreadAllocatedBytes", new Object[] {ids}, new String[] {long[].class.getName()});
            ThreadInfo[] infos = ManagementFactory.getThreadMXBean().getThreadInfo(ids);
            Map<String, Long> byThread = new LinkedHashMap<>();
            Map<String, String> names = new LinkedHashMap<>();
            for (int i = 0; i < ids.length; i++) {
                if (bytes[i] >= 0) {
                    byThread.put(String.valueOf(ids[i]), bytes[i]);
                    if (infos[i] != null) {
                        names.put(String.valueOf(ids[i]), infos[i].getThreadName());
                    }
                }
            }
            out.put("allocatedBytes", byThread);
            out.put("threadNames", names); // for who allocated what, when a run allocated more than its neighbours
        } catch (JMException e) {
            throw new IllegalStateException("getThreadAllocatedBytes failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Heap used after a full GC, with the top of the class histogram (both from the JVM's own diagnostics). */
    private Map<String, Object> heap() {
        String histogram = diagnostic("gcClassHistogram");
        System.gc();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("heapUsed", ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        out.put("histogram", histogram.lines().limit(80).toList());
        return out;
    }

    /** The grouped store writes so far, from the module's own meters (ssp_store_*_total). */
    private Map<String, Object> store() {
        Map<String, Object> out = new LinkedHashMap<>();
        monitor.scrape().lines().filter(l -> l.startsWith("ssp_store_")).forEach(l -> {
            String name = l.substring("ssp_store_".length(), l.indexOf('{') > 0 ? l.indexOf('{') : l.indexOf(' '));
            out.put(name, Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
        });
        return out;
    }

    private Map<String, Object> jfr(String action, String file, String extraSettings) {
        String text = "start".equals(action)
                ? (extraSettings == null ? diagnostic("jfrStart", "name=bench", "settings=profile")
                        : diagnostic("jfrStart", "name=bench", "settings=profile", "settings=" + extraSettings))
                : diagnostic("jfrStop", "name=bench", "filename=" + file);
        return Map.of("result", text.strip());
    }

    /** One jcmd command, through the DiagnosticCommand MBean of this JVM. */
    private static String diagnostic(String operation, String... args) {
        try {
            return String.valueOf(ManagementFactory.getPlatformMBeanServer().invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                    new Object[] {args}, new String[] {String[].class.getName()}));
        } catch (JMException e) {
            throw new IllegalStateException(operation + " failed: " + e.getMessage(), e);
        }
    }

    /** A user of this deployment's own domain: the peer refuses senders from another one (901). */
    private String sender() {
        return "wv:bench@" + federation.localDomain();
    }

    private static Map<String, Object> result(long done, long failed, int seconds, Histogram h) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("completed", done);
        out.put("failed", failed);
        out.put("perSecond", (double) done / seconds);
        out.put("p50Micros", h.getValueAtPercentile(50));
        out.put("p99Micros", h.getValueAtPercentile(99));
        out.put("p999Micros", h.getValueAtPercentile(99.9));
        return out;
    }

    private static String param(HttpServletRequest req, String name, String fallback) {
        String v = req.getParameter(name);
        return v == null ? fallback : v;
    }
}
