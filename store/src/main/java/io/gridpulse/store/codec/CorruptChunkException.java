package io.gridpulse.store.codec;

import io.gridpulse.core.StorageException;

/** A chunk whose checksum or structure does not match: stored bytes were damaged. */
public class CorruptChunkException extends StorageException {
    public CorruptChunkException(String message) {
        super(message, false, null);
    }
}
