package io.gridpulse.tariff;

import io.gridpulse.core.NotFoundException;
import io.gridpulse.tariff.internal.Tariff;
import io.gridpulse.tariff.internal.TariffDataException;
import io.gridpulse.tariff.internal.TariffLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tariffs GridPulse can bill with, loaded from versioned JSON data files and validated once
 * at start-up. Immutable and thread-safe.
 */
public final class TariffCatalog {
    /** Classpath folder of the built-in data files. */
    public static final String RESOURCE_DIR = "/io/gridpulse/tariff/data/";
    public static final String CATALOG_FILE = "catalog.json";

    private final Map<String, Tariff> tariffs;

    private TariffCatalog(Map<String, Tariff> tariffs) {
        this.tariffs = Map.copyOf(tariffs);
    }

    /**
     * The built-in catalogue (KEPCO residential low/high voltage, Jeju TOU, a flat example).
     *
     * @throws TariffDataException (an IllegalStateException) when a data file is invalid
     */
    public static TariffCatalog loadDefault() {
        return new TariffCatalog(new TariffLoader(name -> TariffCatalog.class.getResourceAsStream(RESOURCE_DIR + name))
                .load(CATALOG_FILE));
    }

    /** A catalogue from a folder holding {@code catalog.json} and the tariff files it lists. */
    public static TariffCatalog load(Path directory) {
        return new TariffCatalog(new TariffLoader(name -> open(directory.resolve(name))).load(CATALOG_FILE));
    }

    /** Ids of all tariffs. */
    public Set<String> ids() {
        return tariffs.keySet();
    }

    /** @throws NotFoundException for an unknown id */
    public TariffInfo info(String tariffId) {
        Tariff tariff = tariff(tariffId);
        List<String> versions = tariff.versions().stream().map(v -> v.effectiveFrom().toString()).toList();
        return new TariffInfo(tariff.id(), tariff.name().ko(), tariff.name().en(),
                tariff.isTiered() ? "tiered" : "timeOfUse", versions);
    }

    Tariff tariff(String tariffId) {
        Tariff tariff = tariffId == null ? null : tariffs.get(tariffId);
        if (tariff == null) {
            throw new NotFoundException("unknown tariff '" + tariffId + "'; known: " + String.join(", ", tariffs.keySet().stream().sorted().toList()));
        }
        return tariff;
    }

    private static InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
