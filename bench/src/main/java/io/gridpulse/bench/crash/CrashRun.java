package io.gridpulse.bench.crash;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Kill-and-recover loop: starts {@link CrashIngestChild} in its own JVM, kills it with SIGKILL
 * at a random moment, optionally tears the WAL tail, reopens the store and verifies every
 * acknowledged batch ({@link StoreVerifier}). Repeats {@code kills} times on the same store.
 */
public final class CrashRun {
    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final int MAX_TORN_BYTES = 24;

    private final CrashConfig config;
    private final Random random;
    private final List<Ack> acknowledged = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private int lostToTruncation;
    private long readingsVerified;

    public CrashRun(CrashConfig config) {
        this.config = config;
        this.random = new Random(config.seed());
    }

    /** Runs every kill; {@code progress} gets one line per kill. */
    public CrashResult run(Consumer<String> progress) {
        createDirectories(config.dataDir());
        StoreVerifier verifier = new StoreVerifier(config.seed(), config.meters());
        for (int kill = 1; kill <= config.kills() && problems.isEmpty(); kill++) {
            List<Ack> runAcks = runAndKill(kill);
            boolean torn = config.truncateWalTail() && WalTail.tear(config.dataDir(), 1 + random.nextInt(MAX_TORN_BYTES));
            acknowledged.addAll(runAcks);
            StoreVerifier.Outcome outcome = verifier.verify(config.dataDir(), acknowledged);
            problems.addAll(outcome.problems());
            acceptMissing(outcome.missing(), runAcks, torn);
            readingsVerified = outcome.readingsVerified();
            progress.accept(String.format("kill %d/%d: %d batches acknowledged this run, %d readings verified%s%s", kill,
                    config.kills(), runAcks.size(), readingsVerified, torn ? ", WAL tail torn" : "",
                    problems.isEmpty() ? "" : ", PROBLEM: " + problems.get(0)));
        }
        return new CrashResult(config.seed(), config.kills(), acknowledged.size() + lostToTruncation, readingsVerified,
                lostToTruncation, List.copyOf(problems));
    }

    private void acceptMissing(List<Ack> missing, List<Ack> runAcks, boolean torn) {
        if (missing.isEmpty()) {
            return;
        }
        if (!explainedByTornTail(missing, runAcks, torn, config.meters())) {
            problems.add(missing.size() + " acknowledged batches missing, first " + missing.get(0).format()
                    + (torn ? " (more than the torn WAL record can explain)" : ""));
            return;
        }
        lostToTruncation += missing.size();
        acknowledged.removeAll(missing);
    }

    /**
     * Without a torn WAL nothing acknowledged may be missing. A torn tail may take the last WAL
     * record: one write group of at most one write per writer thread, where a write is one
     * meter's batch or a gateway write of every meter the thread owns (one acknowledgement per
     * meter). So each meter is missing at most once, and all among the last acknowledgements.
     * (Counting one batch per thread, as before the gateway writes, called a torn gateway write
     * of 7 meters a loss.)
     */
    static boolean explainedByTornTail(List<Ack> missing, List<Ack> runAcks, boolean torn, int meters) {
        List<Ack> recent = runAcks.subList(Math.max(0, runAcks.size() - 2 * meters), runAcks.size());
        long missingMeters = missing.stream().mapToInt(Ack::meterIndex).distinct().count();
        return torn && missingMeters == missing.size() && recent.containsAll(missing);
    }

    private List<Ack> runAndKill(int kill) {
        Process child = start(kill);
        List<Ack> acks = new ArrayList<>();
        CountDownLatch ready = new CountDownLatch(1);
        Thread reader = Thread.ofPlatform().start(() -> readAcks(child, acks, ready));
        try {
            if (!ready.await(READY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                problems.add("ingest child did not start within " + READY_TIMEOUT_SECONDS + " s (see child.log)");
            }
            Thread.sleep(config.minRunMs() + (long) (random.nextDouble() * (config.maxRunMs() - config.minRunMs())));
            child.destroyForcibly(); // SIGKILL on Linux
            child.waitFor();
            reader.join();
        } catch (InterruptedException e) {
            child.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        synchronized (acks) {
            return new ArrayList<>(acks);
        }
    }

    private Process start(int kill) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "-Xmx512m", "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), CrashIngestChild.class.getName(), config.dataDir().toString(),
                Long.toString(config.seed()), Integer.toString(config.threads()), Integer.toString(config.meters()),
                Long.toString(config.seed() * 1_000 + kill));
        Path log = config.dataDir().resolveSibling(config.dataDir().getFileName() + "-child.log");
        try {
            return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start ingest child", e);
        }
    }

    private static void readAcks(Process child, List<Ack> acks, CountDownLatch ready) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals(CrashIngestChild.READY)) {
                    ready.countDown();
                }
                Ack ack = Ack.parse(line);
                if (ack != null) {
                    synchronized (acks) {
                        acks.add(ack);
                    }
                }
            }
        } catch (IOException e) {
            // The child was killed mid-line: what was read so far is what was acknowledged.
        } finally {
            ready.countDown();
        }
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
