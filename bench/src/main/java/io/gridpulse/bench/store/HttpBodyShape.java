package io.gridpulse.bench.store;

/**
 * The request bodies the HTTP bench posts: how meters send (one meter, many seconds) and how
 * gateways send (many meters, one second), in each body format the API reads.
 */
public enum HttpBodyShape {
    /** GridPulse JSON rows, one meter × 300 s per request (the original bench shape). */
    JSON_ROWS_300("json-rows-1x300", 1, 300),
    /** GridPulse JSON rows, one meter × 1 h per request. */
    JSON_ROWS_3600("json-rows-1x3600", 1, 3_600),
    /** Columnar JSON {@code {"ts":[…],"powerW":[…]}}, one meter × 1 h per request. */
    JSON_COLUMNS_3600("json-columns-1x3600", 1, 3_600),
    /** CSV {@code ts,powerW}, one meter × 1 h per request. */
    CSV_3600("csv-1x3600", 1, 3_600),
    /** A gateway: InfluxDB line protocol, 1,000 meters × 1 s per request ({@code /api/v2/write}). */
    LINE_PROTOCOL_GATEWAY("line-protocol-1000x1", 1_000, 1);

    private final String label;
    private final int metersPerRequest;
    private final int secondsPerRequest;

    HttpBodyShape(String label, int metersPerRequest, int secondsPerRequest) {
        this.label = label;
        this.metersPerRequest = metersPerRequest;
        this.secondsPerRequest = secondsPerRequest;
    }

    public String label() {
        return label;
    }

    public int readingsPerRequest() {
        return metersPerRequest * secondsPerRequest;
    }

    public int metersPerRequest() {
        return metersPerRequest;
    }

    public int secondsPerRequest() {
        return secondsPerRequest;
    }

    public static HttpBodyShape ofLabel(String label) {
        for (HttpBodyShape shape : values()) {
            if (shape.label.equals(label)) {
                return shape;
            }
        }
        throw new IllegalArgumentException("unknown HTTP body shape '" + label + "'");
    }

    /** Request path for a request carrying {@code meterName} (ignored by the gateway shape). */
    String path(String meterName) {
        return this == LINE_PROTOCOL_GATEWAY ? "/api/v2/write?precision=ms" : "/api/v1/meters/" + meterName + "/readings";
    }

    String contentType() {
        return switch (this) {
            case CSV_3600 -> "text/csv";
            case LINE_PROTOCOL_GATEWAY -> "text/plain";
            default -> "application/json";
        };
    }

    /** The body: meters {@code [firstMeter, firstMeter + metersPerRequest)}, seconds from {@code firstSecond}. */
    String body(String meterPrefix, int firstMeter, long firstSecond) {
        StringBuilder sb = new StringBuilder(readingsPerRequest() * 48);
        switch (this) {
            case JSON_ROWS_300, JSON_ROWS_3600 -> {
                sb.append("{\"readings\":[");
                for (int s = 0; s < secondsPerRequest; s++) {
                    sb.append(s == 0 ? "{\"ts\":" : ",{\"ts\":").append(timestampMs(firstSecond + s)).append(",\"powerW\":");
                    watts(sb, FleetData.powerMilliwatts(firstMeter, firstSecond + s)).append('}');
                }
                sb.append("]}");
            }
            case JSON_COLUMNS_3600 -> {
                sb.append("{\"ts\":[");
                for (int s = 0; s < secondsPerRequest; s++) {
                    sb.append(s == 0 ? "" : ",").append(timestampMs(firstSecond + s));
                }
                sb.append("],\"powerW\":[");
                for (int s = 0; s < secondsPerRequest; s++) {
                    watts(sb.append(s == 0 ? "" : ","), FleetData.powerMilliwatts(firstMeter, firstSecond + s));
                }
                sb.append("]}");
            }
            case CSV_3600 -> {
                sb.append("ts,powerW\n");
                for (int s = 0; s < secondsPerRequest; s++) {
                    watts(sb.append(timestampMs(firstSecond + s)).append(','),
                            FleetData.powerMilliwatts(firstMeter, firstSecond + s)).append('\n');
                }
            }
            case LINE_PROTOCOL_GATEWAY -> {
                for (int m = firstMeter; m < firstMeter + metersPerRequest; m++) {
                    sb.append("power,meter=").append(meterPrefix).append(FleetData.meterName(m)).append(" powerW=");
                    watts(sb, FleetData.powerMilliwatts(m, firstSecond)).append(' ').append(timestampMs(firstSecond)).append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static long timestampMs(long second) {
        return FleetData.START_MS + second * 1000;
    }

    /** Milliwatts as exact decimal watts ({@code 1234.567}). */
    private static StringBuilder watts(StringBuilder sb, long milliwatts) {
        long abs = Math.abs(milliwatts);
        long fraction = abs % 1000;
        sb.append(milliwatts < 0 ? "-" : "").append(abs / 1000).append('.');
        return sb.append(fraction < 100 ? (fraction < 10 ? "00" : "0") : "").append(fraction);
    }
}
