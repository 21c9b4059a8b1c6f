package org.parley.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.parley.http.ParleyException;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.store.SharedCache;

/**
 * Readers' block lists ({@code blocks}): who never wants to see whom, kept in memory per blocker because every thread
 * read of a reader with blocks asks, and shared with the other nodes through the store's caches.
 */
final class BlockLists {

    /** An export names a reader who blocked as established: their household, if it was new, is not exported. */
    private static final Voice RESTORED = new Voice(null, null, false);

    private final Database db;
    private final BlockRepository blocks = new BlockRepository();
    /** By blocker: whom they blocked. */
    private final SharedCache<Set<ReaderId>> blocked;

    BlockLists(Database db, int maxCached) {
        this.db = db;
        this.blocked = db.caches().cache("blocked", maxCached, (h, blocker) -> Set.copyOf(
                blocks.byBlocker(h, new ReaderId(blocker)).stream().map(Block::blocked).toList()));
    }

    void block(ReaderId blocker, ReaderId blocked, Optional<String> name, SiteId site, Voice voice, Instant now) {
        if (blocker.equals(blocked)) {
            throw new ParleyException.Conflict(IdentityProblem.SELF_BLOCK, "You cannot block yourself.");
        }
        db.write(h -> {
            blocks.insert(h, blocker, blocked, name, site, voice, now);
            this.blocked.changed(blocker.value());
            return null;
        });
    }

    boolean unblock(ReaderId blocker, ReaderId blocked) {
        return db.write(h -> {
            this.blocked.changed(blocker.value());
            return blocks.delete(h, blocker, blocked);
        });
    }

    List<Block> of(ReaderId blocker) {
        return db.read(h -> blocks.byBlocker(h, blocker));
    }

    Set<ReaderId> blocked(ReaderId blocker) {
        return blocked.get(blocker.value());
    }

    int blockersSince(ReaderId blocked, SiteId site, Instant since) {
        return db.read(h -> blocks.blockersSince(h, blocked, site, since));
    }

    /** Deletes every block {@code reader} made or that named them, inside the caller's transaction. */
    void forget(Handle h, ReaderId reader) {
        this.blocked.changed(reader.value());
        blocks.deleteAllOf(h, reader).forEach(this.blocked::changed);
    }

    void ofSite(SiteId site, Consumer<SiteBlock> out) {
        db.readConsistent(h -> {
            blocks.onSite(h, site, out);
            return null;
        });
    }

    void restore(SiteId site, SiteBlock block) {
        if (block.blocker().equals(block.blocked())) {
            return;
        }
        db.write(h -> {
            blocks.insert(h, block.blocker(), block.blocked(), block.name(), site, RESTORED, block.since());
            this.blocked.changed(block.blocker().value());
            return null;
        });
    }
}
