package io.gridpulse.bench.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Feeds a target mutated seeds until an input budget or a deadline, on a worker thread so that an
 * input that hangs the target is reported (and the worker abandoned) instead of stopping the run.
 * Findings are grouped by exception type and the first GridPulse frame that threw it.
 */
public final class FuzzRun {
    /** An input that takes longer than this is a finding (a parser must not spin on bad input). */
    static final long HANG_MS = 5_000;
    private static final int MAX_INPUT_BYTES = 1 << 16;

    private FuzzRun() {}

    public static FuzzReport run(FuzzTarget target, long seed, long maxInputs, long maxMillis, Consumer<String> progress) {
        return run(target, seed, maxInputs, maxMillis, HANG_MS, progress);
    }

    static FuzzReport run(FuzzTarget target, long seed, long maxInputs, long maxMillis, long hangMs, Consumer<String> progress) {
        Mutator mutator = new Mutator(target.seeds(), target.dictionary(), MAX_INPUT_BYTES);
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, FuzzReport.Finding> findings = new LinkedHashMap<>();
        ExecutorService worker = newWorker();
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(maxMillis);
        long nextProgress = start + TimeUnit.SECONDS.toNanos(10);
        long inputs = 0;
        try {
            for (; inputs < maxInputs && System.nanoTime() < deadline; inputs++) {
                byte[] input = mutator.next(random);
                Throwable failure = runOne(worker, target::check, input, hangMs);
                if (failure instanceof TimeoutException) {
                    worker.shutdownNow();
                    worker = newWorker();
                }
                if (failure != null) {
                    record(findings, failure, input, hangMs);
                }
                if (System.nanoTime() > nextProgress) {
                    progress.accept(target.name() + ": " + inputs + " inputs, " + findings.size() + " findings");
                    nextProgress += TimeUnit.SECONDS.toNanos(10);
                }
            }
            Throwable after = runOne(worker, ignored -> target.afterRun(), new byte[0], hangMs);
            if (after != null) {
                record(findings, after, new byte[0], hangMs);
            }
        } finally {
            worker.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new FuzzReport(target.name(), seed, inputs, seconds, List.copyOf(findings.values()));
    }

    /** One call of {@code check}, bounded by {@code hangMs}: what it threw, or null. */
    private static Throwable runOne(ExecutorService worker, Check check, byte[] input, long hangMs) {
        Future<?> done = worker.submit(() -> {
            check.run(input);
            return null;
        });
        try {
            done.get(hangMs, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            done.cancel(true);
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    private static void record(Map<String, FuzzReport.Finding> findings, Throwable failure, byte[] input, long hangMs) {
        String key = key(failure);
        FuzzReport.Finding seen = findings.get(key);
        if (seen == null) {
            String message = failure instanceof TimeoutException ? "no answer within " + hangMs + " ms" : String.valueOf(failure.getMessage());
            findings.put(key, new FuzzReport.Finding(key, message, 1, input));
        } else {
            findings.put(key, new FuzzReport.Finding(key, seen.message(), seen.count() + 1, seen.firstInput()));
        }
    }

    /** Exception type and the first frame in GridPulse's code (else the first frame): one key per bug, not per input. */
    static String key(Throwable failure) {
        if (failure instanceof TimeoutException) {
            return "hang";
        }
        if (failure instanceof FuzzFinding) {
            String message = String.valueOf(failure.getMessage());
            int cut = message.indexOf(':');
            return "contract: " + (cut > 0 ? message.substring(0, cut) : message);
        }
        StackTraceElement[] frames = failure.getStackTrace();
        StackTraceElement where = frames.length > 0 ? frames[0] : null;
        for (StackTraceElement frame : frames) {
            if (frame.getClassName().startsWith("io.gridpulse.") && !frame.getClassName().startsWith("io.gridpulse.bench.fuzz.")) {
                where = frame;
                break;
            }
        }
        return failure.getClass().getName() + (where == null ? "" : " at " + where);
    }

    private interface Check {
        void run(byte[] input) throws Exception;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "fuzz-worker");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** The input as text where it is printable, for reports. */
    public static String preview(byte[] input, int maxChars) {
        String text = new String(input, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < maxChars; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c));
        }
        return out.toString();
    }

    static List<byte[]> utf8(List<String> texts) {
        List<byte[]> out = new ArrayList<>(texts.size());
        for (String text : texts) {
            out.add(text.getBytes(StandardCharsets.UTF_8));
        }
        return out;
    }
}
