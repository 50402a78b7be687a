package io.gridpulse.server.nilm;

import io.gridpulse.analytics.nilm.NilmModel;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.NotFoundException;
import io.gridpulse.core.StorageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Where a meter's appliance-disaggregation model lives: its own file
 * {@code <data>/nilm/<tenant>/<meter>.model} when one was trained for it, else the server-wide
 * model given with {@code serve --nilm-model <file>}, else none. Loaded models are cached and
 * reloaded when their file changes. Thread-safe.
 */
public final class NilmModels {
    /** Shown in the 404 when a meter has no model. */
    public static final String HOW_TO_TRAIN = "train one with 'gridpulse nilm train --data <sub-metered folder> "
            + "--format redd --out <file>' and start the server with 'serve --nilm-model <file>', or save it as ";

    private final Path folder;
    private volatile Path serverWide;
    private final ConcurrentHashMap<Path, Loaded> cache = new ConcurrentHashMap<>();

    private final List<Consumer<MeterRef>> savedListeners = new CopyOnWriteArrayList<>();

    private record Loaded(FileTime modified, NilmModel model) {}

    /** @param folder the {@code nilm} folder inside the data folder (need not exist yet) */
    public NilmModels(Path folder) {
        this.folder = folder;
    }

    /** Uses {@code modelFile} for every meter without a model of its own; null for none. */
    public void useServerWide(Path modelFile) {
        if (modelFile != null && !Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("NILM model file not found: " + modelFile);
        }
        this.serverWide = modelFile;
    }

    /** The file a meter's own model is kept in. */
    public Path fileOf(MeterRef meter) {
        return folder.resolve(meter.tenant().value()).resolve(meter.meter().value() + ".model");
    }

    /** The meter's model, or the server-wide one, or empty. */
    public Optional<NilmModel> find(MeterRef meter) {
        Path own = fileOf(meter);
        if (Files.isRegularFile(own)) {
            return Optional.of(load(own));
        }
        Path shared = serverWide;
        return shared == null ? Optional.empty() : Optional.of(load(shared));
    }

    /** The meter's model; a {@link NotFoundException} explaining how to get one when there is none. */
    public NilmModel require(MeterRef meter) {
        return find(meter).orElseThrow(() -> new NotFoundException(
                "no appliance (NILM) model for meter '" + meter.meter().value() + "': " + HOW_TO_TRAIN + fileOf(meter)));
    }

    /** Saves {@code model} as the meter's own (atomically: readers see the old or the new file). */
    public void save(MeterRef meter, NilmModel model) {
        Path file = fileOf(meter);
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            model.write(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException("cannot save NILM model " + file + ": " + e.getMessage(), false, e);
        }
        savedListeners.forEach(l -> l.accept(meter));
    }

    /** Called with the meter after each {@link #save} (e.g. so online NILM switches to the new model). */
    public void onSaved(Consumer<MeterRef> listener) {
        savedListeners.add(listener);
    }

    private NilmModel load(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Loaded hit = cache.get(file);
            if (hit != null && hit.modified().equals(modified)) {
                return hit.model();
            }
            NilmModel model = NilmModel.read(file);
            cache.put(file, new Loaded(modified, model));
            return model;
        } catch (IOException e) {
            throw new StorageException("cannot read NILM model " + file + ": " + e.getMessage(), false, e);
        }
    }
}
