package org.parley.identity;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Someone a way of signing in vouches for: the newsroom's own login, an OpenID provider, an email link or a
 * passkey. The same provider and subject always reach the same account.
 *
 * @param provider      which login vouches: {@code sso}, {@code oidc:<issuer>}, {@code email}, {@code passkey}
 * @param subject       the reader's stable id at that provider (never shown)
 * @param name          the name to show, if the provider gives one
 * @param email         an email address, if the provider gives one
 * @param emailVerified whether the provider checked that the reader receives mail at {@code email}
 * @param badges        badges the provider grants (the newsroom's SSO alone may)
 * @param vouched       whether the newsroom itself vouches (its SSO): such readers never count as brand-new
 */
public record Login(String provider, String subject, Optional<String> name, Optional<String> email, boolean emailVerified,
                    Set<Badge> badges, boolean vouched) {

    public Login {
        Objects.requireNonNull(provider);
        if (subject == null || subject.isBlank() || subject.length() > 255) {
            throw new IllegalArgumentException("a login's subject must be 1-255 characters");
        }
        badges = Set.copyOf(badges);
        name = name.map(String::strip).filter(n -> !n.isEmpty());
        email = email.map(String::strip).filter(e -> !e.isEmpty());
    }
}
