package io.gridpulse.server.auth;

import io.gridpulse.core.AccessDeniedException;
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
 * API keys, stored only as SHA-256 hashes (a leaked data folder reveals no key). Each key belongs
 * to one tenant and has one scope.
 */
public final class ApiKeys {
    private static final String PREFIX = "apikey/";
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
        if (plaintextKey == null || plaintextKey.length() < 16) {
            throw new IllegalArgumentException("API keys must have at least 16 characters");
        }
        String record = "tenant=" + tenant + "\nscope=" + scope + "\nname=" + name + "\n";
        metadata.put(PREFIX + hash(plaintextKey), record.getBytes(StandardCharsets.UTF_8));
        cache.remove(hash(plaintextKey));
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
        for (String line : record.split("\n")) {
            if (line.startsWith("tenant=")) {
                tenant = line.substring(7);
            } else if (line.startsWith("scope=")) {
                scope = line.substring(6);
            } else if (line.startsWith("name=")) {
                name = line.substring(5);
            }
        }
        return new Principal(new TenantId(tenant), Scope.valueOf(scope), name);
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
