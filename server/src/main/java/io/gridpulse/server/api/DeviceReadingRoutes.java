package io.gridpulse.server.api;

import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.device.DeviceFormat;
import io.gridpulse.ingest.device.DevicePayloadParser;
import io.gridpulse.server.auth.Principal;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.http.Params;
import io.gridpulse.server.pipeline.IngestPipeline;
import io.gridpulse.store.AppendResult;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/meters/{meterId}/readings?format=tasmota|shelly|enertalk}: a device's native
 * JSON, mapped to readings and written through the {@link IngestPipeline}. Without {@code format}
 * the request goes to the GridPulse JSON/CSV handler unchanged. Optional {@code tz} is the zone of
 * Tasmota's local {@code Time} (default UTC); optional {@code channel} picks one Shelly channel.
 */
public final class DeviceReadingRoutes {
    private final IngestPipeline pipeline;
    private final DevicePayloadParser parser;
    private final Handler nativeFormat;

    public DeviceReadingRoutes(IngestPipeline pipeline, DevicePayloadParser parser, Handler nativeFormat) {
        this.pipeline = pipeline;
        this.parser = parser;
        this.nativeFormat = nativeFormat;
    }

    public void postReadings(Context ctx) throws Exception {
        String format = ctx.queryParam("format");
        if (format == null) {
            nativeFormat.handle(ctx);
            return;
        }
        Principal p = MeterRoutes.principal(ctx, Scope.WRITE);
        MeterRef ref = new MeterRef(p.tenant(), new MeterId(ctx.pathParam("meterId")));
        List<Reading> readings = parser.parse(DeviceFormat.parse(format), ctx.bodyAsBytes(),
                Params.zone(ctx, "tz", ZoneOffset.UTC), channel(ctx));
        AppendResult result = pipeline.ingest(ref, readings);
        ctx.json(Map.of("accepted", result.accepted(), "duplicates", result.duplicates()));
    }

    private static Integer channel(Context ctx) {
        String value = ctx.queryParam("channel");
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("channel", "channel must be an integer, got '" + value + "'");
        }
    }
}
