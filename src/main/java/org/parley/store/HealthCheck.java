package org.parley.store;

import java.util.Objects;
import java.util.Optional;

/**
 * One named part of whether Parley can serve ({@code database}, {@code migrations}, …) and, when it cannot,
 * why. The problem is shown on Parley's public health endpoint, so it names no host, file, user or driver
 * message; those go to the server log.
 *
 * @param name    the part, as the health endpoint names it
 * @param problem empty when the part is ready; otherwise what is wrong, for the person on call
 */
public record HealthCheck(String name, Optional<String> problem) {

    public HealthCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(problem, "problem");
    }

    public static HealthCheck passed(String name) {
        return new HealthCheck(name, Optional.empty());
    }

    public static HealthCheck failed(String name, String problem) {
        return new HealthCheck(name, Optional.of(problem));
    }

    public boolean ready() {
        return problem.isEmpty();
    }
}
