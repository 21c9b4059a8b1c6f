package org.parley.identity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A reader who signs in: one per realm (a site, or the sites of a newsroom that share accounts).
 *
 * @param id    the reader id every act of the account is keyed by
 * @param email the address the account receives mail at, when it gave one; shown only to its owner
 */
public record Account(ReaderId id, String realm, String displayName, Optional<String> email, boolean emailVerified,
                      Set<Badge> badges, boolean vouched, Instant createdAt) {

    public Account {
        badges = Set.copyOf(badges);
    }

    /** The account as its owner sees it, for JSON: the only view that shows its email. */
    public Map<String, Object> ownView() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("kind", "account");
        out.put("id", id.value());
        out.put("name", displayName);
        email.ifPresent(address -> out.put("email", address));
        out.put("emailVerified", emailVerified);
        out.put("badges", badges.stream().sorted().map(Badge::wireName).toList());
        return out;
    }
}
