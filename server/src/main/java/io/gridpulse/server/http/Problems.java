package io.gridpulse.server.http;

import io.gridpulse.core.AccessDeniedException;
import io.gridpulse.core.GridPulseException;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.NotFoundException;
import io.gridpulse.core.OverloadedException;
import io.gridpulse.core.PayloadTooLargeException;
import io.gridpulse.core.StorageException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The one place that turns errors into RFC 9457 problem+json responses. */
public final class Problems {
    private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
    public static final String CONTENT_TYPE = "application/problem+json";

    private Problems() {}

    public static int status(GridPulseException e) {
        return switch (e) {
            case InvalidInputException i -> 400;
            case AccessDeniedException a -> a.unauthenticated() ? 401 : 403;
            case NotFoundException n -> 404;
            case PayloadTooLargeException p -> 413;
            case OverloadedException o -> 429;
            case StorageException s -> s.outOfSpace() ? 507 : 500;
            default -> 500;
        };
    }

    public static void respond(GridPulseException e, Context ctx) {
        int status = status(e);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/" + e.kind());
        body.put("title", title(status));
        body.put("status", status);
        body.put("detail", e.getMessage());
        body.put("instance", ctx.path());
        if (e instanceof InvalidInputException i) {
            body.put("field", i.field());
            if (i.row() >= 0) {
                body.put("row", i.row());
            }
        }
        if (e instanceof OverloadedException o) {
            ctx.header("Retry-After", Integer.toString(o.retryAfterSeconds()));
        }
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"gridpulse\"");
        }
        if (status >= 500) {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
        }
        send(ctx, status, body);
    }

    public static void respondUnexpected(Exception e, Context ctx) {
        LOG.error("{} {} failed unexpectedly", ctx.method(), ctx.path(), e);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "/problems/internal-error");
        body.put("title", title(500));
        body.put("status", 500);
        body.put("detail", "internal error; see server log");
        body.put("instance", ctx.path());
        send(ctx, 500, body);
    }

    private static void send(Context ctx, int status, Map<String, Object> body) {
        // ctx.json() would force application/json; problem documents have their own type.
        ctx.status(status).contentType(CONTENT_TYPE).result(ctx.jsonMapper().toJsonString(body, Map.class));
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 413 -> "Payload Too Large";
            case 429 -> "Too Many Requests";
            case 507 -> "Insufficient Storage";
            default -> "Internal Server Error";
        };
    }
}
