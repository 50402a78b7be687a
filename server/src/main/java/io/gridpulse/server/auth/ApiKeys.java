package io.gridpulse.server.auth;

import io.gridpulse.core.AccessDeniedException;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.TenantId;
import io.gridpulse.store.Metadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys and device tokens, stored only as SHA-256 hashes (a leaked data folder reveals no key).
 * Each key belongs to one tenant and has one scope. A device token is a write key bound to one
 * meter (what a meter itself is given); a meter has at most one, issuing a new one revokes the old.
 */
public final class ApiKeys {
    /** Shortest key accepted: a guessable key would guard the whole tenant. */
    public static final int MIN_LENGTH = 16;
    private static final String PREFIX = "apikey/";
    /** devicetoken/{tenant}/{meter} → hash of the meter's current token, so re-issuing revokes. */
    private static final String DEVICE_PREFIX = "devicetoken/";
    private final Metadata metadata;
    private final Map<String, Principal> cache = new ConcurrentHashMap<>();

    public ApiKeys(Metadata metadata) {
        this.metadata = metadata;
    }

    /** A new random key, e.g. {@code gp_3f9a...} (32 random bytes, hex). */
    public static String generate() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return "gp_" + HexFormat.of().formatHex(bytes);
    }

    /** Stores the key (idempotent). */
    public void register(String plaintextKey, TenantId tenant, Scope scope, String name) {
        if (plaintextKey == null || plaintextKey.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("API keys must have at least " + MIN_LENGTH + " characters");
        }
        String record = "tenant=" + tenant + "\nscope=" + scope + "\nname=" + name + "\n";
        metadata.put(PREFIX + hash(plaintextKey), record.getBytes(StandardCharsets.UTF_8));
        cache.remove(hash(plaintextKey));
    }

    /** A new device token for the meter (returned once, stored hashed); the meter's previous one stops working. */
    public synchronized String issueDeviceToken(TenantId tenant, MeterId meter) {
        String token = "gpd_" + generate().substring(3);
        revokeDeviceToken(tenant, meter);
        String hash = hash(token);
        String record = "tenant=" + tenant + "\nscope=" + Scope.WRITE + "\nname=device:" + meter + "\nmeter=" + meter + "\n";
        metadata.put(PREFIX + hash, record.getBytes(StandardCharsets.UTF_8));
        metadata.put(deviceKey(tenant, meter), hash.getBytes(StandardCharsets.UTF_8));
        return token;
    }

    /** Revokes the meter's device token; false if it had none. */
    public synchronized boolean revokeDeviceToken(TenantId tenant, MeterId meter) {
        byte[] current = metadata.get(deviceKey(tenant, meter));
        if (current == null) {
            return false;
        }
        String hash = new String(current, StandardCharsets.UTF_8);
        metadata.delete(PREFIX + hash);
        metadata.delete(deviceKey(tenant, meter));
        cache.remove(hash);
        return true;
    }

    private static String deviceKey(TenantId tenant, MeterId meter) {
        return DEVICE_PREFIX + tenant + "/" + meter.value();
    }

    /** The principal of a key, or 401 when it is unknown. */
    public Principal authenticate(String plaintextKey) {
        String hash = hash(plaintextKey);
        Principal cached = cache.get(hash);
        if (cached != null) {
            return cached;
        }
        byte[] record = metadata.get(PREFIX + hash);
        if (record == null) {
            throw new AccessDeniedException("invalid API key", true);
        }
        Principal principal = parse(new String(record, StandardCharsets.UTF_8));
        cache.put(hash, principal);
        return principal;
    }

    private static Principal parse(String record) {
        String tenant = null;
        String scope = null;
        String name = "";
        MeterId meter = null;
        for (String line : record.split("\n")) {
            if (line.startsWith("tenant=")) {
                tenant = line.substring(7);
            } else if (line.startsWith("scope=")) {
                scope = line.substring(6);
            } else if (line.startsWith("name=")) {
                name = line.substring(5);
            } else if (line.startsWith("meter=")) {
                meter = new MeterId(line.substring(6));
            }
        }
        return new Principal(new TenantId(tenant), Scope.valueOf(scope), name, meter);
    }

    static String hash(String plaintextKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(plaintextKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
