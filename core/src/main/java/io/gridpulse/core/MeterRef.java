package io.gridpulse.core;

/** A meter addressed globally: its tenant plus its id within the tenant. */
public record MeterRef(TenantId tenant, MeterId meter) {
    public MeterRef {
        if (tenant == null || meter == null) {
            throw new IllegalArgumentException("tenant and meter are required");
        }
    }

    public static MeterRef of(String tenant, String meter) {
        return new MeterRef(new TenantId(tenant), new MeterId(meter));
    }

    @Override
    public String toString() {
        return tenant + "/" + meter;
    }
}
