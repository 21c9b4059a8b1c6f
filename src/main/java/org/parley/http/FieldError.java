package org.parley.http;

/** One invalid field of a request: which ({@code body}, {@code parentId}) and what is wrong with it. */
public record FieldError(String field, String message) {
}
