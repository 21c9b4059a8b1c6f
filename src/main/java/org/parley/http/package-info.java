/**
 * The vocabulary every feature's routes share: {@link org.parley.http.ParleyException} and
 * {@link org.parley.http.ProblemType} for failures a client can act on, strict JSON request reading, and
 * sending prepared bodies with ETag and gzip. Depends on no feature; the web layer renders the problems.
 */
package org.parley.http;
