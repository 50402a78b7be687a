package io.gridpulse.analytics.nilm;

import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.event.MeterEvent;
import io.gridpulse.core.processor.MeterProcessor;
import io.gridpulse.core.processor.Snapshots;
import io.gridpulse.analytics.nilm.feature.FeatureExtractor;




import java.io.IOException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Online NILM for one mains meter: consumes the aggregate as readings arrive, resamples it to the
 * model's grid and estimates every known appliance's power with the same {@link NilmModel} and
 * features as {@link Nilm#disaggregate} — the estimates are identical to batch. An estimate for
 * tick {@code t} is produced once the model's look-ahead after {@code t} has arrived (or the data
 * has a gap), i.e. with a delay of {@code lookaheadSeconds}.
 *
 * <p>Emits {@code appliance-on} / {@code appliance-off} {@link MeterEvent}s when an estimate
 * crosses the appliance's on threshold, and hands every tick's estimate to an optional
 * {@link EstimateListener}. Not thread-safe; state round-trips through {@link #snapshot()} /
 * {@link #restore}.
 */
public final class NilmProcessor implements MeterProcessor {
    private static final int SNAPSHOT_VERSION = 1;

    /** Receives per-tick estimates (milliwatts per appliance, model order). */
    @FunctionalInterface
    public interface EstimateListener {
        void estimate(long tickMs, Map<String, Long> powerMilliwattsByAppliance);
    }

    private final MeterRef meter;
    private final NilmModel model;
    private final FeatureExtractor features;
    private final EstimateListener listener;
    private final NearestResampler resampler;
    private final int capacity;
    private final long[] bufTs;
    private final double[] bufW;
    private final float[] row;
    private int size;
    private int next; // index in the buffer of the next tick to estimate
    private long lastTickMs = Long.MIN_VALUE; // last estimated tick
    private OnOffDebouncer[] on;

    public NilmProcessor(MeterRef meter, NilmModel model, EstimateListener listener) {
        this.meter = meter;
        this.model = model;
        this.features = model.features();
        this.listener = listener == null ? (t, m) -> {} : listener;
        this.resampler = new NearestResampler(model.settings().stepMs(), model.settings().toleranceMs());
        this.capacity = features.pastSamples() + features.lookaheadSamples() + 1;
        this.bufTs = new long[capacity * 2];
        this.bufW = new double[capacity * 2];
        this.row = new float[features.size()];
        this.on = new OnOffDebouncer[model.appliances().size()];
        for (int a = 0; a < on.length; a++) {
            on[a] = new OnOffDebouncer();
        }
    }

    @Override
    public void onReadings(List<Reading> batch, Consumer<MeterEvent> events) {
        for (Reading r : batch) {
            resampler.accept(r.timestampMs(), r.powerMilliwatts() / 1000.0, (t, w) -> tick(t, w, events));
        }
    }

    /** Estimates every tick still waiting for look-ahead, as if the data ended here (a gap). */
    public void flush(Consumer<MeterEvent> events) {
        while (next < size) {
            estimate(next++, events);
        }
    }

    private void tick(long tickMs, double powerW, Consumer<MeterEvent> events) {
        if (size > 0 && tickMs - bufTs[size - 1] > model.settings().stepMs()) {
            flush(events); // segment ends: batch also truncates the look-ahead here
            size = 0;
            next = 0;
        }
        if (size == bufTs.length) {
            int drop = size - features.pastSamples() - (size - next);
            drop = Math.max(0, Math.min(drop, next - features.pastSamples()));
            System.arraycopy(bufTs, drop, bufTs, 0, size - drop);
            System.arraycopy(bufW, drop, bufW, 0, size - drop);
            size -= drop;
            next -= drop;
        }
        bufTs[size] = tickMs;
        bufW[size++] = powerW;
        while (next < size && size - 1 - next >= features.lookaheadSamples()) {
            estimate(next++, events);
        }
    }

    private void estimate(int i, Consumer<MeterEvent> events) {
        int segStart = 0; // the buffer starts at the segment start or holds ≥ pastSamples before i
        features.extract(bufW, segStart, size, i, row);
        double[] est = model.estimateRow(row, bufW[i], bufTs[i]);
        Map<String, Long> mw = new LinkedHashMap<>();
        List<ApplianceModel> appliances = model.appliances();
        for (int a = 0; a < est.length; a++) {
            ApplianceModel m = appliances.get(a);
            mw.put(m.name(), Math.round(est[a] * 1000));
            boolean contiguous = lastTickMs != Long.MIN_VALUE && bufTs[i] - lastTickMs <= model.settings().stepMs();
            if (!contiguous && on[a].isOn()) {
                on[a].reset(false);
                events.accept(stateEvent(m.name(), false, lastTickMs + model.settings().stepMs(), 0));
            }
            long change = on[a].update(bufTs[i], m.onEvidenceW(est[a], bufTs[i]), m.onThresholdW(), contiguous);
            if (change >= 0) {
                events.accept(stateEvent(m.name(), on[a].isOn(), change, Math.round(est[a] * 1000)));
            }
        }
        lastTickMs = bufTs[i];
        listener.estimate(bufTs[i], mw);
    }

    private MeterEvent stateEvent(String appliance, boolean nowOn, long atMs, long powerMilliwatts) {
        return new MeterEvent(meter, atMs, nowOn ? "appliance-on" : "appliance-off", "info",
                appliance + (nowOn ? " switched on" : " switched off"),
                Map.of("appliance", appliance, "powerMilliwatts", powerMilliwatts));
    }

    /** Appliances currently estimated on (as of the last estimated tick). */
    public List<String> appliancesOn() {
        return java.util.stream.IntStream.range(0, on.length).filter(a -> on[a].isOn())
                .mapToObj(a -> model.appliances().get(a).name()).toList();
    }

    @Override
    public byte[] snapshot() {
        return Snapshots.write(SNAPSHOT_VERSION, out -> {
            resampler.write(out);
            out.writeInt(size);
            out.writeInt(next);
            out.writeLong(lastTickMs);
            for (int i = 0; i < size; i++) {
                out.writeLong(bufTs[i]);
                out.writeDouble(bufW[i]);
            }
            out.writeInt(on.length);
            for (OnOffDebouncer d : on) {
                out.writeBoolean(d.isOn());
                out.writeInt(d.pendingTicks());
                out.writeLong(d.pendingSinceMs());
            }
        });
    }

    /** A processor continuing from {@code snapshot} (taken with the same model). */
    public static NilmProcessor restore(MeterRef meter, NilmModel model, EstimateListener listener, byte[] snapshot) {
        NilmProcessor p = new NilmProcessor(meter, model, listener);
        return Snapshots.read(snapshot, SNAPSHOT_VERSION, "NILM", in -> {
            p.resampler.read(in);
            p.size = in.readInt();
            p.next = in.readInt();
            p.lastTickMs = in.readLong();
            if (p.size < 0 || p.size > p.bufTs.length || p.next < 0 || p.next > p.size) {
                throw new IOException("corrupt NILM snapshot");
            }
            for (int i = 0; i < p.size; i++) {
                p.bufTs[i] = in.readLong();
                p.bufW[i] = in.readDouble();
            }
            int count = in.readInt();
            if (count != p.on.length) {
                throw new IOException("snapshot is for a model with " + count + " appliances");
            }
            for (OnOffDebouncer d : p.on) {
                d.restore(in.readBoolean(), in.readInt(), in.readLong());
            }
            return p;
        });
    }

    int bufferedTicks() {
        return size;
    }

    @Override
    public String toString() {
        return "NilmProcessor[" + meter + ", on=" + appliancesOn() + "]";
    }
}
