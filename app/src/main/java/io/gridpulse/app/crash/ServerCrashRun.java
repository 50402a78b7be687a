package io.gridpulse.app.crash;

import io.gridpulse.bench.crash.Ack;
import io.gridpulse.bench.crash.BatchPlan;
import io.gridpulse.bench.crash.CrashResult;
import io.gridpulse.bench.crash.StoreVerifier;
import io.gridpulse.bench.crash.SyntheticReadings;
import io.gridpulse.core.Reading;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Kill -9 against the real server: starts {@code gridpulse serve} in its own JVM, sends batches
 * over HTTP or MQTT (QoS 1) from several clients, SIGKILLs the server at a random moment,
 * then opens its store and checks that every batch the server acknowledged (HTTP 200, MQTT
 * PUBACK) is there, unchanged and once, and that rollups equal a recomputation. Repeats on the
 * same folder. Batches mix in-order runs, late gap fills and re-sends, as real meters do.
 */
public final class ServerCrashRun {
    public enum Via { HTTP, MQTT }

    /** Settings; {@code clients} send in parallel, each for its own meters. */
    public record Config(Path dataDir, long seed, int kills, int clients, int meters, Via via, long minRunMs, long maxRunMs) {
        public Config {
            if (kills < 1 || clients < 1 || meters < clients || minRunMs < 0 || maxRunMs < minRunMs) {
                throw new IllegalArgumentException("need kills >= 1, meters >= clients >= 1, 0 <= minRunMs <= maxRunMs");
            }
        }
    }

    private static final String KEY = "crash-harness-admin-key-0123456789";
    private static final long READY_TIMEOUT_MS = 60_000;
    /** Readings start this far back, so the run has room before reaching the server's "future" limit. */
    private static final long HISTORY_MS = 6 * 3_600_000L;

    private final Config config;
    private final Random random;
    private final SyntheticReadings readings;
    private final List<BatchPlan> plans = new ArrayList<>();
    private final List<Ack> acknowledged = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public ServerCrashRun(Config config) {
        this.config = config;
        this.random = new Random(config.seed());
        long startMs = (System.currentTimeMillis() - HISTORY_MS) / 1000 * 1000;
        this.readings = new SyntheticReadings(config.seed(), startMs);
        for (int m = 0; m < config.meters(); m++) {
            plans.add(new BatchPlan(m, startMs));
        }
    }

    public CrashResult run(Consumer<String> progress) {
        createDirectories(config.dataDir());
        StoreVerifier verifier = new StoreVerifier(readings, config.meters());
        long verified = 0;
        for (int kill = 1; kill <= config.kills() && problems.isEmpty(); kill++) {
            int acksBefore = acknowledged.size();
            runAndKill(kill);
            StoreVerifier.Outcome outcome = verifier.verify(config.dataDir(), acknowledged);
            problems.addAll(outcome.problems());
            if (!outcome.missing().isEmpty()) {
                problems.add(outcome.missing().size() + " acknowledged batches missing after kill " + kill + ", first "
                        + outcome.missing().get(0).format());
            }
            verified = outcome.readingsVerified();
            progress.accept(String.format("kill %d/%d (%s): %d batches acknowledged this run, %d readings verified%s", kill,
                    config.kills(), config.via().name().toLowerCase(), acknowledged.size() - acksBefore, verified,
                    problems.isEmpty() ? "" : ", PROBLEM: " + problems.get(0)));
        }
        return new CrashResult(config.seed(), config.kills(), acknowledged.size(), verified, 0, List.copyOf(problems));
    }

    private void runAndKill(int kill) {
        int httpPort = freePort();
        int mqttPort = freePort();
        Process server = startServer(httpPort, mqttPort);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        try {
            awaitReady(server, httpPort);
            for (int c = 0; c < config.clients(); c++) {
                int client = c;
                Random choices = new Random(config.seed() * 7_919 + kill * 31L + c);
                clients.add(Thread.ofPlatform().start(() -> send(client, kill, httpPort, mqttPort, choices, stop)));
            }
            Thread.sleep(config.minRunMs() + (long) (random.nextDouble() * (config.maxRunMs() - config.minRunMs())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            server.destroyForcibly(); // SIGKILL on Linux
            stop.set(true);
            try {
                server.waitFor();
                for (Thread t : clients) {
                    t.join();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void send(int client, int kill, int httpPort, int mqttPort, Random choices, AtomicBoolean stop) {
        List<BatchPlan> owned = new ArrayList<>();
        for (int m = client; m < config.meters(); m += config.clients()) {
            owned.add(plans.get(m));
        }
        try (BatchSender sender = connect(client, kill, httpPort, mqttPort, stop)) {
            while (!stop.get()) {
                BatchPlan plan = owned.get(choices.nextInt(owned.size()));
                long[] range = plan.next(choices, System.currentTimeMillis()); // the server refuses the future
                if (range == null) {
                    continue;
                }
                List<Reading> batch = readings.run(plan.meterIndex(), range[0], (int) range[1]);
                if (sender.send(SyntheticReadings.meter(plan.meterIndex()).meter().value(), batch)) {
                    plan.acknowledged(range);
                    synchronized (acknowledged) {
                        acknowledged.add(new Ack(plan.meterIndex(), range[0], (int) range[1], SyntheticReadings.checksum(batch)));
                    }
                }
            }
        } catch (Exception serverGone) {
            // killed mid-request: that batch was not acknowledged, so nothing is owed for it
        }
    }

    /** Connects, retrying while the server is still starting (its MQTT listener opens after HTTP). */
    private BatchSender connect(int client, int kill, int httpPort, int mqttPort, AtomicBoolean stop) throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                return sender(client, kill, httpPort, mqttPort);
            } catch (Exception notYet) {
                if (stop.get() || attempt == 50) {
                    throw notYet;
                }
                Thread.sleep(100);
            }
        }
    }

    private BatchSender sender(int client, int kill, int httpPort, int mqttPort) throws Exception {
        return config.via() == Via.HTTP ? new HttpBatchSender("http://127.0.0.1:" + httpPort, KEY)
                : new MqttBatchSender("tcp://127.0.0.1:" + mqttPort, KEY, "crash-" + kill + "-" + client);
    }

    private Process startServer(int httpPort, int mqttPort) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx1g", "--enable-native-access=ALL-UNNAMED"));
        if (Runtime.version().feature() >= 24) {
            command.add("--sun-misc-unsafe-memory-access=allow");
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.gridpulse.app.GridPulseCli", "serve",
                "--port", Integer.toString(httpPort), "--mqtt-port", Integer.toString(mqttPort), "--data",
                config.dataDir().toString()));
        Path log = config.dataDir().resolveSibling(config.dataDir().getFileName() + "-server.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("GRIDPULSE_API_KEY", KEY);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the server", e);
        }
    }

    private static void awaitReady(Process server, int httpPort) throws InterruptedException {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/health")).build();
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        try (HttpClient http = HttpClient.newHttpClient()) {
            while (System.currentTimeMillis() < deadline && server.isAlive()) {
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // still starting
                }
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("server did not become ready within " + READY_TIMEOUT_MS + " ms (see *-server.log)");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
