package org.parley.media;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.parley.http.ClientAddress;
import org.parley.http.Json;
import org.parley.http.ParleyException;
import org.parley.http.Requests;
import org.parley.http.Responses;
import org.parley.identity.ReaderId;
import org.parley.identity.Identity;
import org.parley.sites.ImageRules;
import org.parley.sites.Site;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;

/**
 * HTTP for images, mounted at the root (the upload lives under {@code /api/v1}, the files under
 * {@code /media}). Images are served only by ids Parley made, checked for shape before any lookup, with
 * headers that keep a browser from treating them as anything but an image.
 */
final class MediaRoutes implements HttpService {

    /** Never a document, never a script context, even if a browser were talked into rendering one. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; sandbox";
    /** The URL names the content by its hash, so it may be cached for good. */
    static final String CACHE_CONTROL = "public, max-age=31536000, immutable";
    private static final String JSON = "application/json";
    private static final int MAX_ECHOED_CHARS = 80;

    private final Media media;
    private final Identity identity;
    private final Sites sites;
    private final ObjectMapper mapper = Json.mapper();
    private final UploadLimits limits;
    private final BiConsumer<SiteId, ReaderId> uploader;

    MediaRoutes(Media media, UploadLimits limits, Identity identity, Sites sites, BiConsumer<SiteId, ReaderId> uploader) {
        this.media = media;
        this.limits = limits;
        this.identity = identity;
        this.sites = sites;
        this.uploader = uploader;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/api/v1/sites/{site}/images", this::upload)
                .get("/media/{id}/{variant}", this::serve);
    }

    // POST /api/v1/sites/{site}/images, body: the image file's bytes (Content-Type ignored, multipart refused)
    //   → 201 {id, format, width, height, display: {url, width, height}, thumb: {url, width, height}}
    private void upload(ServerRequest req, ServerResponse res) {
        Site site = sites.require(req.path().pathParameters().get("site"));
        ImageRules rules = site.images();
        SizeLimits sizes = SizeLimits.of(media.config(), rules);
        ReaderId guest = identity.requireWriter(site.id(), Requests.bearer(req));
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("").strip().toLowerCase(Locale.ROOT);
        if (type.startsWith("multipart/")) {
            throw new ParleyException.InvalidInput(MediaProblem.MULTIPART_UPLOAD,
                    "Send the image file itself as the request body, not a multipart form: in a browser, "
                            + "fetch(url, {method: 'POST', body: file}). The Content-Type sent is not used.");
        }
        if (rules.perComment() == 0) {
            throw new ParleyException.Forbidden(MediaProblem.IMAGES_OFF, "This site does not take images in comments.");
        }
        if (req.headers().contentLength().orElse(-1) > sizes.maxBytes()) {
            throw Refusal.tooLarge(sizes.maxBytes());
        }
        uploader.accept(site.id(), guest);
        // A brand-new guest made in a crowd draws on its network's allowance, like its comments (see Identity).
        String holder = identity.allowanceHolder(guest);
        String address = ClientAddress.of(req);
        limits.take(site.id().value(), holder, address);
        StoredImage image;
        try {
            image = store(req, sizes);
        } catch (ParleyException.Unavailable busy) {
            // Parley's own shortage, not the guest's doing: coming back after Retry-After must not cost them twice.
            limits.giveBack(site.id().value(), holder, address);
            throw busy;
        }
        ObjectNode json = mapper.createObjectNode()
                .put("id", image.id().value())
                .put("format", image.format().slug())
                .put("width", image.width())
                .put("height", image.height());
        for (Variant variant : Variant.values()) {
            json.putObject(variant.path())
                    .put("url", image.url(variant))
                    .put("width", image.width(variant))
                    .put("height", image.height(variant));
        }
        res.status(Status.CREATED_201)
                .header(HeaderNames.LOCATION, image.url(Variant.DISPLAY))
                .header(HeaderNames.CONTENT_TYPE, JSON)
                .send(Json.bytes(mapper, json));
    }

    private StoredImage store(ServerRequest req, SizeLimits sizes) {
        try (InputStream body = req.content().inputStream()) {
            return media.store(body, sizes, req.headers().contentLength().orElse(-1));
        } catch (IOException e) {
            throw new UncheckedIOException("closing an image upload", e);
        }
    }

    // GET /media/{id}/{variant}, variant = display | thumb → the stored bytes; 304 to a matching If-None-Match
    private void serve(ServerRequest req, ServerResponse res) {
        String rawId = req.path().pathParameters().get("id");
        String rawVariant = req.path().pathParameters().get("variant");
        Optional<Variant> variant = Variant.ofPath(rawVariant);
        if (!ImageId.isValid(rawId) || variant.isEmpty()) {
            throw unknown(rawId, rawVariant);
        }
        ImageId id = new ImageId(rawId);
        // A strong tag: the bytes never change for an id (their hash) and variant.
        String etag = '"' + id.value() + '.' + variant.get().path() + '"';
        if (Responses.matches(req.headers().first(HeaderNames.IF_NONE_MATCH).orElse(""), etag)) {
            // Still 404 once the image is deleted, without reading its bytes.
            if (media.find(id).isEmpty()) {
                throw unknown(rawId, rawVariant);
            }
            immutable(res, etag).status(Status.NOT_MODIFIED_304).send();
            return;
        }
        ImageBytes image = media.variant(id, variant.get()).orElseThrow(() -> unknown(rawId, rawVariant));
        immutable(res, etag)
                .header(HeaderNames.CONTENT_TYPE, image.contentType())
                .header("Content-Disposition", "inline; filename=\"parley-" + id.value().substring(0, 12) + "-"
                        + variant.get().path() + "." + image.format().extension() + "\"")
                .send(image.bytes());
    }

    /** Headers for every answer about a stored variant, 200 or 304. */
    private static ServerResponse immutable(ServerResponse res, String etag) {
        return res.header(HeaderNames.ETAG, etag)
                .header(HeaderNames.CACHE_CONTROL, CACHE_CONTROL)
                .header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("Cross-Origin-Resource-Policy", "cross-origin");
    }

    private static ParleyException unknown(String rawId, String rawVariant) {
        String shown = (rawId + "/" + rawVariant).length() > MAX_ECHOED_CHARS
                ? (rawId + "/" + rawVariant).substring(0, MAX_ECHOED_CHARS) + "…" : rawId + "/" + rawVariant;
        return new ParleyException.NotFound(MediaProblem.UNKNOWN_IMAGE, "There is no image at /media/" + shown
                + ". Image URLs are the ones an upload returned: /media/<64 hexadecimal characters>/display or /thumb.");
    }
}
