package io.gridpulse.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.gridpulse.core.InvalidInputException;
import java.io.IOException;

/**
 * A request body read as a JSON tree, the one way the batch and device parsers do it: decimals as
 * BigDecimal, as typed (a double would turn {@code 1e999} into Infinity); a key given twice or
 * anything after the body's value is malformed, as the streaming reader has it.
 */
public final class BodyJson {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private BodyJson() {}

    /**
     * The body's tree (null or a missing node when it is empty).
     *
     * @throws InvalidInputException naming {@code body} when it is not JSON, or holds a number no BigDecimal holds
     */
    public static JsonNode readTree(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("body", "malformed JSON: " + e.getOriginalMessage());
        } catch (NumberFormatException e) { // Jackson's word for a number whose exponent no BigDecimal holds
            throw new InvalidInputException("body", "number out of range: " + e.getMessage());
        } catch (IOException e) {
            throw new InvalidInputException("body", "unreadable body: " + e.getMessage());
        }
    }
}
