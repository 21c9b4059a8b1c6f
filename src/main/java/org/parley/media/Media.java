package org.parley.media;

import io.helidon.webserver.http.HttpService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.function.BiConsumer;
import org.parley.http.ParleyException;
import org.parley.identity.GuestId;
import org.parley.identity.Identity;
import org.parley.sites.ImageRules;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;

/**
 * The media feature's door: takes uploaded images, keeps only re-encodings of their pixels, serves them,
 * and forgets them when nothing refers to them any more. An upload is judged by its bytes alone (JPEG, PNG,
 * GIF first frame, WebP); its byte size and pixel count are checked before a single pixel is decoded; what
 * is stored is a display variant and a thumbnail with no metadata, turned upright by their EXIF orientation,
 * under an id that is the hash of those bytes. Thread-safe.
 *
 * <p>Which comments use which image is not known here: the comments side keeps the references and says,
 * of a batch of ids, which nothing shows any more, through {@link #deleteUnreferenced}.
 */
public final class Media {

    /** Ids per DELETE statement, well under SQLite's and PostgreSQL's limits on bound parameters. */
    private static final int DELETE_BATCH = 500;
    /**
     * Uploads read into memory at once: each holds up to {@link MediaConfig#maxUploadBytes()} while it waits
     * for one of the decoders, so a flood of uploads is turned away instead of filling the heap.
     */
    static final int UPLOADS_IN_FLIGHT = 8;
    static final int BUSY_RETRY_SECONDS = 2;

    private final Database db;
    private final Clock clock;
    private final MediaConfig config;
    private final Reencoder reencoder;
    private final ImageRepository repository = new ImageRepository();
    private final Semaphore inFlight = new Semaphore(UPLOADS_IN_FLIGHT);

    private Media(Database db, Clock clock, MediaConfig config) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.reencoder = new Reencoder(config);
    }

    public static Media create(Database db, Clock clock, MediaConfig config) {
        return new Media(db, clock, config);
    }

    /** The limits this door enforces. */
    public MediaConfig config() {
        return config;
    }

    /**
     * Checks, re-encodes and stores an uploaded image; storing the same picture again returns the same id
     * and marks it as freshly uploaded. Takes up to a second of CPU for a large photograph; at most two
     * uploads decode at a time, others wait.
     *
     * @throws org.parley.http.ParleyException.InvalidInput with {@link MediaProblem#UNSUPPORTED_IMAGE} (not
     *         JPEG, PNG, GIF or WebP by content), {@link MediaProblem#IMAGE_TOO_LARGE} (over
     *         {@link MediaConfig#maxUploadBytes()}), {@link MediaProblem#IMAGE_TOO_MANY_PIXELS} (over
     *         {@link MediaConfig#maxPixels()} — for WebP also over 4,096 × 4,096 — read from the header),
     *         {@link MediaProblem#BROKEN_IMAGE} (truncated or undecodable), or {@code missing-body} (empty)
     */
    public StoredImage store(byte[] upload) {
        Rendition rendition = reencoder.reencode(upload);
        Instant now = clock.instant();
        return db.write(h -> repository.save(h, rendition, now));
    }

    /**
     * Like {@link #store(byte[])} under a site's own limits, which the server's still cap, reading
     * {@code upload} to its end but never more than the byte limit + 1 bytes: a longer stream is refused as
     * too large as soon as that byte arrives. At most {@value #UPLOADS_IN_FLIGHT} streams are taken in at
     * once; beyond that the call is refused at once, before reading, with {@link MediaProblem#UPLOADS_BUSY}
     * (429, retry after {@value #BUSY_RETRY_SECONDS} s). The caller closes the stream.
     */
    public StoredImage store(InputStream upload, ImageRules site) {
        return store(upload, SizeLimits.of(config, site));
    }

    /** Like {@link #store(InputStream, ImageRules)}, for the routes, which have already worked out the limits. */
    StoredImage store(InputStream upload, SizeLimits limits) {
        if (!inFlight.tryAcquire()) {
            throw new ParleyException.RateLimited(MediaProblem.UPLOADS_BUSY, "Parley is taking in " + UPLOADS_IN_FLIGHT
                    + " images right now; send yours again in " + BUSY_RETRY_SECONDS + " seconds.", BUSY_RETRY_SECONDS);
        }
        try {
            // One byte past the limit is enough for the re-encoder to refuse the upload as too large.
            byte[] bytes = upload.readNBytes((int) limits.maxBytes() + 1);
            Rendition rendition = reencoder.reencode(bytes, limits);
            Instant now = clock.instant();
            return db.write(h -> repository.save(h, rendition, now));
        } catch (IOException e) {
            throw new UncheckedIOException("reading an image upload", e);
        } finally {
            inFlight.release();
        }
    }

    /** The stored image with this id, if there is one (for checking an id a comment refers to). */
    public Optional<StoredImage> find(ImageId id) {
        return db.read(h -> repository.find(h, id));
    }

    /** One variant's bytes and format, ready to serve; empty when no such image is stored. */
    public Optional<ImageBytes> variant(ImageId id, Variant variant) {
        return db.read(h -> repository.variant(h, id, variant));
    }

    /**
     * Removes one image at once, whatever refers to it: for a moderator taking down a picture everywhere
     * it appears (one id serves every upload of the same picture). True if it was stored.
     */
    public boolean delete(ImageId id) {
        return db.write(h -> repository.delete(h, List.of(id))) > 0;
    }

    /**
     * Removes every image last uploaded before {@code uploadedBefore} that nothing refers to any more;
     * returns how many went. Images are looked at a batch at a time and {@code unreferenced} answers, of
     * a batch, the ids no comment (on any site) shows, so neither side ever holds every id. The cut-off
     * spares uploads whose comment is still being written: pass a time comfortably before the oldest
     * upload that may not be referenced yet (e.g. now minus a day).
     */
    public int deleteUnreferenced(Function<List<ImageId>, Set<ImageId>> unreferenced, Instant uploadedBefore) {
        int deleted = 0;
        String after = "";
        while (true) {
            String from = after;
            List<ImageId> batch = db.read(h -> repository.uploadedBefore(h, uploadedBefore, from, DELETE_BATCH));
            Set<ImageId> unused = batch.isEmpty() ? Set.of() : unreferenced.apply(batch);
            if (!unused.isEmpty()) {
                deleted += db.write(h -> repository.delete(h, unused));
            }
            if (batch.size() < DELETE_BATCH) {
                return deleted;
            }
            after = batch.getLast().value();
        }
    }

    /**
     * Routes to mount at the root: {@code POST /api/v1/sites/{site}/images} (a guest uploads; 201 with the
     * image's id, sizes and URLs) and {@code GET /media/{id}/{display|thumb}} (immutable, served with the
     * stored format's type, {@code nosniff} and a sandboxing CSP). {@code uploader} throws for a guest who
     * may not contribute to a site (banned or suspended there).
     */
    public HttpService routes(Identity identity, Sites sites, BiConsumer<SiteId, GuestId> uploader) {
        return new MediaRoutes(this, new UploadLimits(clock, config), identity, sites, uploader);
    }
}
