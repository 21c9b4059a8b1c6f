package org.parley.store;

import java.util.List;

/**
 * How SQLite's writer is set for a long run of inserts ({@link Database#bulkWriting}).
 *
 * @param cacheMebibytes      the page cache it keeps instead of the usual 2 MiB
 * @param checkpointMebibytes how far its log may grow before it is copied into the database, instead of 4 MiB
 * @param deferredIndexes     indexes left out while the inserts run and built again after them, in one pass each
 */
public record BulkWrite(int cacheMebibytes, int checkpointMebibytes, List<String> deferredIndexes) {

    public BulkWrite {
        if (cacheMebibytes <= 0 || checkpointMebibytes <= 0) {
            throw new IllegalArgumentException("a bulk write's cache and checkpoint sizes are positive");
        }
        deferredIndexes = List.copyOf(deferredIndexes);
    }
}
