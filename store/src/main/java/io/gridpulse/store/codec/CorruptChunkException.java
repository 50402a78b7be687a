package io.gridpulse.store.codec;

import io.gridpulse.core.StorageException;

/** A stored chunk failed its checksum or does not follow the chunk format; nothing was decoded. */
public final class CorruptChunkException extends StorageException {
    public CorruptChunkException(String message) {
        super(message, false, null);
    }
}
