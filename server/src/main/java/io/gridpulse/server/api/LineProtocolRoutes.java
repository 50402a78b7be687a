package io.gridpulse.server.api;

import io.gridpulse.core.AccessDeniedException;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.PayloadTooLargeException;
import io.gridpulse.core.Reading;
import io.gridpulse.ingest.lineprotocol.LinePrecision;
import io.gridpulse.ingest.lineprotocol.LineProtocolBatch;
import io.gridpulse.ingest.lineprotocol.LineProtocolParser;
import io.gridpulse.server.auth.ApiKeys;
import io.gridpulse.server.auth.Principal;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.http.RequestBody;
import io.gridpulse.server.pipeline.IngestPipeline;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.zip.GZIPInputStream;

/**
 * InfluxDB-compatible writes: v1 {@code POST /write} and v2 {@code POST /api/v2/write}, so
 * Telegraf and Home Assistant push unchanged. These paths live outside {@code /api/v1}, so the
 * route authenticates itself: {@code Authorization: Token|Bearer <key>}, or v1's {@code ?p=<key>}
 * (the {@code u} user name is ignored). Database, org and bucket parameters are accepted and
 * ignored: the key's tenant decides where readings go. Success is 204 with no body.
 */
public final class LineProtocolRoutes {
    private final ApiKeys keys;
    private final IngestPipeline pipeline;
    private final LineProtocolParser parser;
    private final long maxBodyBytes;
    private final LongAdder ignoredLines = new LongAdder();

    public LineProtocolRoutes(ApiKeys keys, IngestPipeline pipeline, LineProtocolParser parser, long maxBodyBytes) {
        this.keys = keys;
        this.pipeline = pipeline;
        this.parser = parser;
        this.maxBodyBytes = maxBodyBytes;
    }

    /** {@code POST /write} and {@code POST /api/v2/write}. */
    public void write(Context ctx) {
        Principal principal = principal(ctx);
        LineProtocolBatch batch = parser.parse(body(ctx), LinePrecision.parse(ctx.queryParam("precision")));
        int n = batch.readingsByMeter().size();
        List<MeterRef> meters = new ArrayList<>(n);
        List<List<Reading>> readings = new ArrayList<>(n);
        for (Map.Entry<MeterId, List<Reading>> meter : batch.readingsByMeter().entrySet()) {
            if (!principal.mayActFor(meter.getKey())) { // checked for all lines before anything is stored
                throw new AccessDeniedException("this device token may only write meter '" + principal.onlyMeter()
                        + "', the batch has meter '" + meter.getKey() + "'", false);
            }
            meters.add(new MeterRef(principal.tenant(), meter.getKey()));
            readings.add(meter.getValue());
        }
        pipeline.ingestAll(meters, readings);
        ignoredLines.add(batch.ignoredLines());
        ctx.header("X-GridPulse-Ignored-Lines", Integer.toString(batch.ignoredLines()));
        ctx.status(204);
    }

    /** {@code GET|HEAD /ping}: InfluxDB clients probe it before writing. */
    public void ping(Context ctx) {
        ctx.header("X-Influxdb-Version", "gridpulse");
        ctx.status(204);
    }

    /** Lines of other measurements skipped since start. */
    public long ignoredLinesTotal() {
        return ignoredLines.sum();
    }

    private Principal principal(Context ctx) {
        String key = key(ctx);
        if (key == null || key.isBlank()) {
            throw new AccessDeniedException("missing API key: send 'Authorization: Token <key>' (or ?p=<key>)", true);
        }
        Principal p = keys.authenticate(key);
        if (!p.scope().allows(Scope.WRITE)) {
            throw new AccessDeniedException("this key lacks the write scope", false);
        }
        return p;
    }

    private static String key(Context ctx) {
        String header = ctx.header("Authorization");
        if (header != null) {
            int space = header.indexOf(' ');
            String scheme = space > 0 ? header.substring(0, space) : "";
            if (scheme.equalsIgnoreCase("Token") || scheme.equalsIgnoreCase("Bearer")) {
                return header.substring(space + 1).trim();
            }
        }
        return ctx.queryParam("p");
    }

    /** The body, unzipped; Telegraf gzips by default ({@code Content-Encoding: gzip}). */
    private byte[] body(Context ctx) {
        byte[] raw = RequestBody.bytes(ctx, maxBodyBytes);
        String encoding = ctx.header("Content-Encoding");
        if (encoding == null || encoding.isBlank() || encoding.equalsIgnoreCase("identity")) {
            return raw;
        }
        if (!encoding.equalsIgnoreCase("gzip")) {
            throw new InvalidInputException("Content-Encoding", "unsupported Content-Encoding '" + encoding + "'; use gzip or none");
        }
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(raw))) {
            byte[] text = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
            if (text.length > maxBodyBytes) {
                throw new PayloadTooLargeException("gzip body expands beyond " + maxBodyBytes + " bytes");
            }
            return text;
        } catch (IOException e) {
            throw new InvalidInputException("body", "body is not valid gzip: " + e.getMessage());
        }
    }
}
