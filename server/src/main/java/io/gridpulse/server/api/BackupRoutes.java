package io.gridpulse.server.api;

import io.gridpulse.core.AccessDeniedException;
import io.gridpulse.server.auth.Principal;
import io.gridpulse.server.auth.Scope;
import io.gridpulse.server.backup.Backups;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET|POST /api/v1/backups}: the server's backups, listed or made now. A backup holds every
 * tenant's data, so only the server owner (an admin key of the default tenant) may.
 */
public final class BackupRoutes {
    private final Backups backups;

    public BackupRoutes(Backups backups) {
        this.backups = backups;
    }

    public void list(Context ctx) {
        owner(ctx);
        ctx.json(Map.of("folder", backups.folder().toString(),
                "backups", backups.list().stream().map(BackupRoutes::view).toList()));
    }

    public void create(Context ctx) {
        owner(ctx);
        long start = System.nanoTime();
        Map<String, Object> body = view(backups.create());
        body.put("seconds", Math.round((System.nanoTime() - start) / 1e6) / 1e3);
        ctx.status(201).json(body);
    }

    private static void owner(Context ctx) {
        Principal p = MeterRoutes.principal(ctx, Scope.ADMIN);
        if (!p.ownsServer()) {
            throw new AccessDeniedException("backups hold every tenant's data: only an admin key of the default tenant"
                    + " (the server owner's) may list or make them", false);
        }
    }

    private static Map<String, Object> view(Backups.Backup b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", b.name());
        m.put("createdAt", b.createdAt().toString());
        m.put("bytes", b.bytes());
        m.put("path", b.path().toString());
        return m;
    }
}
