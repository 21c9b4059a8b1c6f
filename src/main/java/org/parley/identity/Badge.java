package org.parley.identity;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** A mark shown beside a signed-in reader's name, given by the newsroom's login or by a moderator. */
public enum Badge {
    /** Works for the newsroom. */
    STAFF,
    /** Pays for the newsroom's journalism. */
    SUBSCRIBER;

    /** The badge's name on the wire and in SSO role claims: {@code staff}, {@code subscriber}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The badge a role claim names, if Parley has one for it; other roles a newsroom uses are ignored. */
    public static Optional<Badge> fromWire(String role) {
        for (Badge badge : values()) {
            if (badge.wireName().equalsIgnoreCase(role.strip())) {
                return Optional.of(badge);
            }
        }
        return Optional.empty();
    }

    static String encode(Set<Badge> badges) {
        return String.join(" ", badges.stream().sorted().map(Badge::wireName).toList());
    }

    static Set<Badge> decode(String stored) {
        Set<Badge> badges = EnumSet.noneOf(Badge.class);
        for (String word : stored.split(" ")) {
            if (!word.isEmpty()) {
                fromWire(word).ifPresent(badges::add);
            }
        }
        return Set.copyOf(badges);
    }
}
