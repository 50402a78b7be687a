package io.gridpulse.bench.codec;

import io.gridpulse.bench.store.FleetData;
import io.gridpulse.core.SharedData;
import io.gridpulse.ingest.dataset.DatasetFormat;
import io.gridpulse.store.codec.ChunkCodec;
import io.gridpulse.store.codec.DecodedChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encode / decode speed of {@link ChunkCodec} on real chunks, single thread, coded as the store
 * codes them: hour chunks (what it seals, {@link ChunkCodec#encodeFast}) by default, day chunks (what it compacts
 * a finished day into, the smallest layout) with {@code chunkHours = 24}. Each invocation codes
 * up to {@value #CHUNKS} consecutive chunks of one dataset (the noisy meter: {@value #CHUNKS}
 * hours' worth); the score is operations = readings per second (ops/s × readings per op; see
 * {@link #readingsPerOperation}).
 * Run: {@code ./gridpulse bench codec} (see docs/benchmarks.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CodecBenchmark {
    static final int CHUNKS = 64;
    /**
     * The store benchmark's synthetic 1 Hz meter ({@link FleetData}: power changes every second
     * by ±1 W noise, plus an energy register): the day query's data, where every reading is a
     * change and the codec bounds the query.
     */
    static final String NOISY = "fleetdata:noisy";

    /** dataset/file:format:mode, mode = logged | filled. */
    @Param({"gjw-uk-home/active-power-2013-11-20.csv:gjw:logged", "gjw-uk-home/active-power-2013-11-20.csv:gjw:filled",
            "redd-house5/channel_18.dat:redd:logged", "redd-house5/channel_18.dat:redd:filled",
            "tracebase/PC-Desktop/Desktop_Denis_2011.12.28.csv:tracebase:logged", NOISY})
    public String data;

    /** Chunk span in hours: 1 = the store's sealed hours, 24 = its compacted days. */
    @Param({"1"})
    public int chunkHours;

    private final List<long[]> timestamps = new ArrayList<>();
    private final List<long[]> powers = new ArrayList<>();
    private final List<long[]> energies = new ArrayList<>();
    private final List<byte[]> chunks = new ArrayList<>();
    /** Decoded into as the store's readers do: one buffer reused chunk after chunk. */
    private final DecodedChunk decoded = new DecodedChunk();
    /** Readings in one benchmark operation (all chunks). */
    public long readingsPerOperation;

    @Setup(Level.Trial)
    public void load() {
        readingsPerOperation = loadChunks(data, chunkHours, timestamps, powers, energies, chunks);
    }

    /** Readings one operation codes for a {@code data} parameter (to turn ops/s into readings/s). */
    public static long readingsPerOperation(String data, int chunkHours) {
        return loadChunks(data, chunkHours, new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    }

    /** Cuts up to {@value #CHUNKS} chunks from the middle of the data set on; returns their readings. */
    private static long loadChunks(String data, int chunkHours, List<long[]> timestamps, List<long[]> powers,
            List<long[]> energies, List<byte[]> chunks) {
        if (chunkHours < 1) {
            throw new IllegalArgumentException("chunk span must be at least one hour, got " + chunkHours);
        }
        if (data.equals(NOISY)) {
            return noisyChunks(chunkHours, timestamps, powers, energies, chunks);
        }
        String[] parts = data.split(":");
        Series series = Series.read(SharedData.resolve(parts[0]).orElseThrow(
                () -> new IllegalStateException("shared data " + parts[0] + " not found")), DatasetFormat.parse(parts[1]));
        if (parts[2].equals("filled")) {
            series = series.filledToOneHertz();
        }
        long readings = 0;
        int start = series.count() / 3; // from the dense middle of the file
        for (int c = 0; c < CHUNKS && start < series.count(); c++) {
            int end = CompressionBench.chunkEnd(series.timestampsMs(), start, series.count(), chunkHours * CompressionBench.CHUNK_SPAN_MS);
            long[] ts = Arrays.copyOfRange(series.timestampsMs(), start, end);
            long[] power = Arrays.copyOfRange(series.powerMilliwatts(), start, end);
            timestamps.add(ts);
            powers.add(power);
            energies.add(null);
            chunks.add(encode(ts, power, null, chunkHours));
            readings += ts.length;
            start = end;
        }
        return readings;
    }

    /** {@value #CHUNKS} hours (at least one chunk) of one {@link FleetData} meter, with its energy register. */
    private static long noisyChunks(int chunkHours, List<long[]> timestamps, List<long[]> powers, List<long[]> energies,
            List<byte[]> chunks) {
        int chunkCount = Math.max(1, CHUNKS / chunkHours);
        int length = chunkHours * 3600;
        for (int c = 0; c < chunkCount; c++) {
            long[] ts = new long[length];
            long[] power = new long[length];
            long[] energy = new long[length];
            for (int i = 0; i < length; i++) {
                long second = (long) c * length + i;
                ts[i] = FleetData.START_MS + second * 1000;
                power[i] = FleetData.powerMilliwatts(0, second);
                energy[i] = FleetData.energyMilliwattHours(0, second);
            }
            timestamps.add(ts);
            powers.add(power);
            energies.add(energy);
            chunks.add(encode(ts, power, energy, chunkHours));
        }
        return (long) chunkCount * length;
    }

    /** As the store encodes a chunk of that span: sealed hours fastest, compacted days smallest. */
    private static byte[] encode(long[] ts, long[] power, long[] energy, int chunkHours) {
        return CompressionBench.encodeAsTheStore(ts, power, energy, ts.length, chunkHours * CompressionBench.CHUNK_SPAN_MS);
    }

    /** Encodes every chunk once; returns their total bytes (for {@link CodecCpuTimeRun}). */
    long encodeAll() {
        long bytes = 0;
        for (int i = 0; i < chunks.size(); i++) {
            long[] ts = timestamps.get(i);
            bytes += encode(ts, powers.get(i), energies.get(i), chunkHours).length;
        }
        return bytes;
    }

    /** Decodes every chunk once; returns the readings decoded (for {@link CodecCpuTimeRun}). */
    long decodeAll() {
        long readings = 0;
        for (byte[] chunk : chunks) {
            readings += ChunkCodec.decodeInto(chunk, decoded).count();
        }
        return readings;
    }

    @Benchmark
    public void encode(Blackhole sink) {
        for (int i = 0; i < chunks.size(); i++) {
            long[] ts = timestamps.get(i);
            sink.consume(encode(ts, powers.get(i), energies.get(i), chunkHours));
        }
    }

    @Benchmark
    public void decode(Blackhole sink) {
        for (byte[] chunk : chunks) {
            sink.consume(ChunkCodec.decodeInto(chunk, decoded));
        }
    }
}
