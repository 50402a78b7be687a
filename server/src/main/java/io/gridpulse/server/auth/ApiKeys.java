package io.gridpulse.server.auth;

import io.gridpulse.core.AccessDeniedException;
import io.gridpulse.core.MeterId;
import io.gridpulse.core.TenantId;
import io.gridpulse.store.Metadata;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API keys and device tokens, stored only as SHA-256 hashes (a leaked data folder reveals no key).
 * Each key belongs to one tenant and has one scope; a key may also be bound to one meter (a
 * household's view of its own meter). A device token is a write key bound to one meter (what a
 * meter itself is given); a meter has at most one, issuing a new one revokes the old.
 *
 * <p>Keys made by {@link #create} or {@link #register} are listed per tenant under an id (the
 * first {@link #ID_LENGTH} hex digits of the hash), by which they are revoked; device tokens are
 * managed per meter instead.
 */
public final class ApiKeys {
    /** Shortest key accepted: a guessable key would guard the whole tenant. */
    public static final int MIN_LENGTH = 16;
    private static final String PREFIX = "apikey/";
    /** devicetoken/{tenant}/{meter} → hash of the meter's current token, so re-issuing revokes. */
    private static final String DEVICE_PREFIX = "devicetoken/";
    /** keyindex/{tenant}/{id} → the key's hash: a tenant's keys without scanning every key. */
    private static final String INDEX_PREFIX = "keyindex/";
    static final int ID_LENGTH = 12;
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

    /** Stores the key (idempotent), e.g. the admin key a server is started with. */
    public void register(String plaintextKey, TenantId tenant, Scope scope, String name) {
        if (plaintextKey == null || plaintextKey.length() < MIN_LENGTH) {
            throw new IllegalArgumentException("API keys must have at least " + MIN_LENGTH + " characters");
        }
        store(hash(plaintextKey), new KeyInfo("", tenant, scope, name, null, 0));
    }

    /** A new random key of the tenant (returned once, stored hashed), optionally bound to one meter. */
    public synchronized IssuedKey create(TenantId tenant, Scope scope, String name, MeterId meterOrNull, long createdMs) {
        String key = generate();
        KeyInfo info = store(hash(key), new KeyInfo("", tenant, scope, name, meterOrNull, createdMs));
        return new IssuedKey(info, key);
    }

    /** The tenant's keys (never device tokens), oldest first. */
    public List<KeyInfo> list(TenantId tenant) {
        List<KeyInfo> keys = new ArrayList<>();
        for (byte[] hash : metadata.scan(INDEX_PREFIX + tenant + "/").values()) {
            byte[] record = metadata.get(PREFIX + new String(hash, StandardCharsets.UTF_8));
            if (record != null) {
                keys.add(parse(new String(hash, StandardCharsets.UTF_8), new String(record, StandardCharsets.UTF_8)));
            }
        }
        keys.sort(Comparator.comparingLong(KeyInfo::createdMs).thenComparing(KeyInfo::id));
        return keys;
    }

    /** Revokes the tenant's key with this id; false if it has none. */
    public synchronized boolean revoke(TenantId tenant, String id) {
        byte[] hash = metadata.get(INDEX_PREFIX + tenant + "/" + id);
        if (hash == null) {
            return false;
        }
        String h = new String(hash, StandardCharsets.UTF_8);
        metadata.delete(PREFIX + h);
        metadata.delete(INDEX_PREFIX + tenant + "/" + id);
        cache.remove(h);
        return true;
    }

    private KeyInfo store(String hash, KeyInfo info) {
        StringBuilder record = new StringBuilder("tenant=" + info.tenant() + "\nscope=" + info.scope() + "\nname=" + info.name()
                + "\ncreated=" + info.createdMs() + "\n");
        if (info.meter() != null) {
            record.append("meter=").append(info.meter().value()).append('\n');
        }
        metadata.put(PREFIX + hash, record.toString().getBytes(StandardCharsets.UTF_8));
        metadata.put(INDEX_PREFIX + info.tenant() + "/" + hash.substring(0, ID_LENGTH), hash.getBytes(StandardCharsets.UTF_8));
        cache.remove(hash);
        return parse(hash, record.toString());
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
        KeyInfo k = parse(hash, new String(record, StandardCharsets.UTF_8));
        Principal principal = new Principal(k.tenant(), k.scope(), k.name(), k.meter(), k.id());
        cache.put(hash, principal);
        return principal;
    }

    private static KeyInfo parse(String hash, String record) {
        String tenant = null;
        String scope = null;
        String name = "";
        MeterId meter = null;
        long created = 0;
        for (String line : record.split("\n")) {
            if (line.startsWith("tenant=")) {
                tenant = line.substring(7);
            } else if (line.startsWith("scope=")) {
                scope = line.substring(6);
            } else if (line.startsWith("name=")) {
                name = line.substring(5);
            } else if (line.startsWith("meter=")) {
                meter = new MeterId(line.substring(6));
            } else if (line.startsWith("created=")) {
                created = Long.parseLong(line.substring(8));
            }
        }
        return new KeyInfo(hash.substring(0, ID_LENGTH), new TenantId(tenant), Scope.valueOf(scope),
                name, meter, created);
    }

    /** What is known of a key without the key itself; {@code meter} is null for a tenant-wide key. */
    public record KeyInfo(String id, TenantId tenant, Scope scope, String name, MeterId meter, long createdMs) {}

    /** A key just made: shown once. */
    public record IssuedKey(KeyInfo info, String key) {}

    static String hash(String plaintextKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(plaintextKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
