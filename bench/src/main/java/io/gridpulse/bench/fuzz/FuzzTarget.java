package io.gridpulse.bench.fuzz;

import java.util.List;

/**
 * One input-reading surface under fuzz: valid inputs to mutate and the contract each mutated
 * input is held to. A refusal the surface promises (a 4xx, {@code InvalidInputException},
 * {@code CorruptChunkException}) returns normally; anything else thrown is a finding.
 */
public interface FuzzTarget extends AutoCloseable {
    String name();

    /** Valid inputs the mutations start from. */
    List<byte[]> seeds();

    /** Tokens worth splicing into this surface's inputs (numbers, keys, separators). */
    default List<String> dictionary() {
        return List.of();
    }

    /** Runs one input; throws {@link FuzzFinding} where the contract is broken. */
    void check(byte[] input) throws Exception;

    /** Checks what can only be checked once the inputs are through (the server still answers, stored data unchanged). */
    default void afterRun() throws Exception {}

    @Override
    default void close() {}
}
