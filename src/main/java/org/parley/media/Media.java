package org.parley.media;

import io.helidon.webserver.http.HttpService;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.BiConsumer;
import org.parley.identity.ReaderId;
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
    private final Database db;
    private final Clock clock;
    private final MediaConfig config;
    private final Intake intake;
    private final ImageRepository repository = new ImageRepository();

    private Media(Database db, Clock clock, MediaConfig config, Intake intake) {
        this.db = db;
        this.clock = clock;
        this.config = config;
        this.intake = intake;
    }

    /**
     * The door, with {@link MediaConfig#uploadMemoryPercent()} of this JVM's maximum heap for uploads.
     *
     * @throws IllegalArgumentException when that share cannot hold the largest upload the limits allow
     *         (such an upload could never be taken in), naming the settings that would make it fit
     */
    public static Media create(Database db, Clock clock, MediaConfig config) {
        return create(db, clock, config, Runtime.getRuntime().maxMemory(), Duration.ofSeconds(config.uploadWaitSeconds()));
    }

    /** As {@link #create(Database, Clock, MediaConfig)} for a heap of {@code maxHeapBytes}, waiting {@code patience}. */
    static Media create(Database db, Clock clock, MediaConfig config, long maxHeapBytes, Duration patience) {
        return new Media(db, clock, config, Intake.forHeap(config, maxHeapBytes, patience));
    }

    /** The intake, for tests that look at the memory it holds. */
    Intake intake() {
        return intake;
    }

    /** The limits this door enforces. */
    public MediaConfig config() {
        return config;
    }

    /**
     * Checks, re-encodes and stores an uploaded image; storing the same picture again returns the same id
     * and marks it as freshly uploaded. Takes up to a second of CPU for a large photograph. The memory it
     * needs, worked out from its size and from the header before decoding, is reserved first from the memory
     * all uploads share; when that is spent the call waits up to {@link MediaConfig#uploadWaitSeconds()}, then
     * is refused with {@link MediaProblem#UPLOADS_BUSY} (503, retry after {@value Intake#BUSY_RETRY_SECONDS} s).
     *
     * @throws org.parley.http.ParleyException.InvalidInput with {@link MediaProblem#UNSUPPORTED_IMAGE} (not
     *         JPEG, PNG, GIF or WebP by content), {@link MediaProblem#IMAGE_TOO_LARGE} (over
     *         {@link MediaConfig#maxUploadBytes()}), {@link MediaProblem#IMAGE_TOO_MANY_PIXELS} (over
     *         {@link MediaConfig#maxPixels()} — for WebP also over 4,096 × 4,096 — read from the header),
     *         {@link MediaProblem#BROKEN_IMAGE} (truncated or undecodable), or {@code missing-body} (empty)
     */
    public StoredImage store(byte[] upload) {
        return intake.take(upload, SizeLimits.of(config), this::save);
    }

    /**
     * Like {@link #store(byte[])} under a site's own limits, which the server's still cap, reading
     * {@code upload} to its end but never more than the byte limit + 1 bytes: a longer stream is refused as
     * too large as soon as that byte arrives. The memory for the body is reserved before the first byte is
     * read (bodies may hold only part of the memory, so decoding always has room), so an upload waiting to
     * be read holds none, and one waiting to be decoded holds only its body's. The caller closes the stream.
     */
    public StoredImage store(InputStream upload, ImageRules site) {
        return intake.take(upload, SizeLimits.of(config, site), -1, this::save);
    }

    /**
     * Like {@link #store(InputStream, ImageRules)}, for the routes, which have already worked out the limits
     * and refused a declared length over them; {@code declaredBytes} is the Content-Length, or -1 without one.
     */
    StoredImage store(InputStream upload, SizeLimits limits, long declaredBytes) {
        return intake.take(upload, limits, declaredBytes, this::save);
    }

    private StoredImage save(Rendition rendition) {
        Instant now = clock.instant();
        return db.write(h -> repository.save(h, rendition, now));
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
    public HttpService routes(Identity identity, Sites sites, BiConsumer<SiteId, ReaderId> uploader) {
        return new MediaRoutes(this, new UploadLimits(db, clock, config), identity, sites, uploader);
    }
}
