package org.parley.identity;

/**
 * A guest just created: its public id and the bearer token that proves it is them. The token is
 * returned once and only its digest is stored, so a lost token cannot be recovered.
 */
public record NewGuest(ReaderId id, String token) {
}
