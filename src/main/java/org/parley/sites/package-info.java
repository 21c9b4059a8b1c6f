/**
 * Sites: the publications that embed Parley. Door: {@link org.parley.sites.Sites}. Owns table
 * {@code sites} (name, allowed origins, edit window, comment length limit, digest of the API secret).
 * Publishes no events.
 */
package org.parley.sites;
