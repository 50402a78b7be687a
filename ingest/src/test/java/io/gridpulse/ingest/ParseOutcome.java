package io.gridpulse.ingest;

import io.gridpulse.core.InvalidInputException;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What a parse ends in, comparable across a fast path and its reference parser: the parsed
 * content, or the refusal's kind, field, row and message.
 */
public final class ParseOutcome {
    private ParseOutcome() {}

    public static <T> Object of(Supplier<T> parse, Function<T, Object> content) {
        try {
            return content.apply(parse.get());
        } catch (InvalidInputException e) {
            return List.of(e.getClass().getSimpleName(), String.valueOf(e.field()), e.row(), e.getMessage());
        } catch (RuntimeException e) {
            return List.of(e.getClass().getSimpleName(), String.valueOf(e.getMessage()));
        }
    }
}
