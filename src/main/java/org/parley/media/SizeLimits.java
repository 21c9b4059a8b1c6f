package org.parley.media;

import org.parley.sites.ImageRules;

/**
 * The byte and pixel limits one upload is held to, worked out once per upload and passed down to every
 * check: a site's own rules, capped by the server's.
 */
record SizeLimits(long maxBytes, long maxPixels) {

    /** The server's limits alone. */
    static SizeLimits of(MediaConfig server) {
        return new SizeLimits(server.maxUploadBytes(), server.maxPixels());
    }

    /** The site's limits where they are tighter, the server's elsewhere. */
    static SizeLimits of(MediaConfig server, ImageRules site) {
        return new SizeLimits(Math.min(site.maxBytes(), server.maxUploadBytes()), Math.min(site.maxPixels(), server.maxPixels()));
    }
}
