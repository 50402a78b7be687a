package io.gridpulse.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gridpulse.core.InvalidInputException;
import io.gridpulse.core.PayloadTooLargeException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Reading request bodies: ingest batches, and the small JSON objects of settings. */
public final class RequestBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RequestBody() {}

    /**
     * The body as a JSON object ({@code PUT} of settings), or a 400 that says what is wrong with
     * it: malformed, empty, or not an object. ({@code ctx.bodyAsClass(Map.class)} answered such
     * bodies with a 500.)
     */
    public static Map<String, Object> jsonObject(Context ctx) {
        JsonNode root;
        try {
            root = JSON.readTree(ctx.bodyAsBytes());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException | NumberFormatException e) {
            throw new InvalidInputException("body", "unreadable JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("body", root == null || root.isMissingNode() ? "the body is empty; expected a JSON object"
                    : "expected a JSON object, got " + root);
        }
        return JSON.convertValue(root, new TypeReference<Map<String, Object>>() {});
    }

    /**
     * The body, read into an array of exactly its declared length in one pass ({@code
     * ctx.bodyAsBytes()} grows a buffer and copies it again, which for a 160 kB batch is a
     * measurable share of the request). Without a Content-Length (chunked) Javalin reads it.
     *
     * @throws PayloadTooLargeException if the declared length exceeds {@code maxBytes}
     */
    public static byte[] bytes(Context ctx, long maxBytes) {
        long declared = ctx.req().getContentLengthLong();
        if (declared < 0) {
            return ctx.bodyAsBytes();
        }
        if (declared > maxBytes) {
            throw new PayloadTooLargeException("body exceeds " + maxBytes + " bytes");
        }
        try {
            byte[] body = ctx.req().getInputStream().readNBytes((int) declared);
            if (body.length != declared) {
                throw new InvalidInputException("body", "body ended after " + body.length + " of its " + declared + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request body", e);
        }
    }
}
