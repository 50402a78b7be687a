package io.gridpulse.bench.store;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import jdk.jfr.Category;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

/**
 * Opt-in diagnostics of {@code bench query} ({@code -Dgridpulse.bench.trace=true}, e.g. through
 * GRIDPULSE_JAVA_OPTS): per timed sample its run-queue wait, CPU time and GC cycles, the slowest
 * samples printed with them, CPU per thread over the timed window, and a JFR event per sample.
 * It found round 6's causes (the JIT compiler's threads, then first-touch page faults;
 * docs/benchmarks.md). Off by default: it reads /proc around every sample.
 */
final class QuerySampleTrace {
    static final boolean ON = Boolean.getBoolean("gridpulse.bench.trace");

    @Name("gridpulse.QuerySample")
    @Label("Query sample")
    @Category("GridPulse")
    static final class SampleEvent extends Event {
        @Label("query") String query;
        @Label("index") int index;
    }

    private final String name;
    private final int n;
    private final long[] wallNanos;
    private final long[] epochMicros;
    private final long[] cpuNanos;
    private final long[] runDelayNanos;
    private final long[] slices;
    private final long[] gcCount;
    private final long[] gcMillis;
    private long[] before = new long[5];
    private long epochBaseMicros;
    private long nanoBase;
    private final List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
    private SampleEvent event;

    QuerySampleTrace(String name, int n) {
        this.name = name;
        this.n = n;
        wallNanos = new long[n];
        epochMicros = new long[n];
        cpuNanos = new long[n];
        runDelayNanos = new long[n];
        slices = new long[n];
        gcCount = new long[n];
        gcMillis = new long[n];
        Instant now = Instant.now();
        nanoBase = System.nanoTime();
        epochBaseMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }

    private java.util.Map<String, Long> windowStart;

    /** CPU ns per JVM thread (tid:comm) and per other process (pid:comm), from schedstat. */
    static java.util.Map<String, Long> cpuSnapshot() {
        java.util.Map<String, Long> m = new java.util.HashMap<>();
        long self = ProcessHandle.current().pid();
        for (String base : new String[] {"/proc/self/task", "/proc"}) {
            try (var dirs = Files.list(Path.of(base))) {
                for (Path d : (Iterable<Path>) dirs::iterator) {
                    String id = d.getFileName().toString();
                    if (!id.chars().allMatch(Character::isDigit) || (base.equals("/proc") && Long.parseLong(id) == self)) {
                        continue;
                    }
                    try {
                        long ns = Long.parseLong(Files.readString(d.resolve("schedstat")).trim().split(" ")[0]);
                        String comm = Files.readString(d.resolve("comm")).trim();
                        m.put((base.equals("/proc") ? "proc " : "thread ") + id + ":" + comm, ns);
                    } catch (IOException | RuntimeException e) {
                        // gone
                    }
                }
            } catch (IOException e) {
                // ignore
            }
        }
        return m;
    }

    void windowStart() {
        windowStart = cpuSnapshot();
    }

    void windowEnd(long windowNanos) {
        java.util.Map<String, Long> end = cpuSnapshot();
        List<java.util.Map.Entry<String, Long>> deltas = new ArrayList<>();
        for (var e : end.entrySet()) {
            long d = e.getValue() - windowStart.getOrDefault(e.getKey(), 0L);
            if (d > 200_000) {
                deltas.add(java.util.Map.entry(e.getKey(), d));
            }
        }
        deltas.sort(java.util.Map.Entry.<String, Long>comparingByValue().reversed());
        StringBuilder sb = new StringBuilder(String.format("%nTRACE " + name + " window %.1f ms, CPU by thread/process:", windowNanos / 1e6));
        for (var e : deltas.subList(0, Math.min(15, deltas.size()))) {
            sb.append(String.format("%n  %-40s %.3f ms", e.getKey(), e.getValue() / 1e6));
        }
        System.err.println(sb);
    }

    void before(int i) {
        long[] s = schedstat();
        before[0] = s[0];
        before[1] = s[1];
        before[2] = s[2];
        long c = 0, t = 0;
        for (GarbageCollectorMXBean gc : gcs) {
            c += gc.getCollectionCount();
            t += gc.getCollectionTime();
        }
        before[3] = c;
        before[4] = t;
        event = new SampleEvent();
        event.query = name;
        event.index = i;
        event.begin();
    }

    void after(int i, long t0, long elapsed) {
        event.commit();
        long[] s = schedstat();
        cpuNanos[i] = s[0] - before[0];
        runDelayNanos[i] = s[1] - before[1];
        slices[i] = s[2] - before[2];
        long c = 0, t = 0;
        for (GarbageCollectorMXBean gc : gcs) {
            c += gc.getCollectionCount();
            t += gc.getCollectionTime();
        }
        gcCount[i] = c - before[3];
        gcMillis[i] = t - before[4];
        wallNanos[i] = elapsed;
        epochMicros[i] = epochBaseMicros + (t0 - nanoBase) / 1_000;
    }

    void print() {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            idx.add(i);
        }
        idx.sort(Comparator.comparingLong((Integer i) -> wallNanos[i]).reversed());
        StringBuilder sb = new StringBuilder("\nTRACE " + name + " slowest:");
        for (int k = 0; k < Math.min(5, n); k++) {
            int i = idx.get(k);
            sb.append(String.format("%n  #%d %.3f ms at %s  cpu(+schedstat overhead) %.3f ms runqueueWait %.3f ms slices %d gcCyclesDelta %d gcMs %d",
                    i, wallNanos[i] / 1e6, Instant.ofEpochSecond(0, epochMicros[i] * 1000), cpuNanos[i] / 1e6,
                    runDelayNanos[i] / 1e6, slices[i], gcCount[i], gcMillis[i]));
        }
        long sumWait = 0;
        for (int i = 0; i < n; i++) {
            sumWait += runDelayNanos[i];
        }
        sb.append(String.format("%n  total runqueueWait over %d samples %.3f ms", n, sumWait / 1e6));
        System.err.println(sb);
    }

    private static long[] schedstat() {
        try {
            String[] f = Files.readString(Path.of("/proc/thread-self/schedstat")).trim().split(" ");
            return new long[] {Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2])};
        } catch (IOException e) {
            return new long[3];
        }
    }
}
