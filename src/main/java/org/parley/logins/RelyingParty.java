package org.parley.logins;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import org.parley.http.ParleyException;
import org.parley.http.RequestProblem;
import org.parley.sites.Site;

/**
 * Who a passkey is made for. The widget runs inside the newsroom's article page, so the browser binds passkeys to
 * that page's host (the RP ID) and writes that page's origin into every answer; Parley's own host plays no part.
 *
 * @param origin the article page's origin, e.g. {@code https://news.example}
 * @param id     the RP ID: the origin's host, e.g. {@code news.example}
 */
record RelyingParty(String origin, String id, String name) {

    /**
     * The relying party for a request from {@code originHeader} to {@code site}: a 403 problem when the request has no
     * Origin (passkeys work only from a browser page) or the site does not list that origin.
     */
    static RelyingParty of(Site site, Optional<String> originHeader) {
        String origin = originHeader.map(o -> o.strip().toLowerCase(Locale.ROOT))
                .orElseThrow(() -> new ParleyException.Forbidden(RequestProblem.ORIGIN_NOT_ALLOWED,
                        "Passkeys are made and used from a browser page: this request has no Origin header."));
        if (!site.allowsOrigin(origin)) {
            throw new ParleyException.Forbidden(RequestProblem.ORIGIN_NOT_ALLOWED, "Origin " + origin + " may not use passkeys of site '"
                    + site.id() + "'; only the pages the site lists as its origins may.");
        }
        String host;
        try {
            host = URI.create(origin).getHost();
        } catch (IllegalArgumentException e) {
            host = null;
        }
        if (host == null) {
            throw new ParleyException.Forbidden(RequestProblem.ORIGIN_NOT_ALLOWED, "Origin " + origin + " names no host to bind a passkey to.");
        }
        return new RelyingParty(origin, host, site.name());
    }
}
