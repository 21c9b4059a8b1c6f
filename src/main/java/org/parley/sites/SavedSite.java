package org.parley.sites;

import java.util.Optional;

/**
 * The result of saving a site. {@code newSecret} is present only when the site was just created or its
 * secret rotated: it is shown once and never stored in clear.
 */
public record SavedSite(Site site, Optional<String> newSecret) {
}
