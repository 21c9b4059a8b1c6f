package org.parley.comments;

import java.util.Locale;
import java.util.Optional;

/** Orders of a thread's top-level comments. Replies are always in the order they were written. */
public enum Sort {
    /** Most convincingly liked first: lower bound of the Wilson interval of the up-vote share. */
    BEST,
    NEWEST,
    OLDEST,
    /** Many votes split evenly between up and down first. */
    CONTROVERSIAL;

    /** The API name, e.g. {@code best}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Sort> parse(String value) {
        for (Sort sort : values()) {
            if (sort.apiName().equals(value)) {
                return Optional.of(sort);
            }
        }
        return Optional.empty();
    }
}
