/**
 * Images in comments: upload, content sniffing, re-encoding without metadata, storage and serving. Door:
 * {@link org.parley.media.Media}.
 *
 * <p>An upload is accepted by its bytes alone (JPEG, PNG, GIF — first frame — and WebP), its container is
 * walked for completeness, declared size and EXIF orientation, and its size in bytes and pixels is checked
 * before anything is decoded. Large images decode subsampled, on threads of their own, and each upload
 * first reserves the memory it will need — for its body by its size, then for decoding by its header —
 * from a share of the heap all uploads have together ({@code Intake}): when that is spent, uploads wait up
 * to {@code media.uploadWaitSeconds}, then get 503, so no mix of legal uploads can exhaust the heap. Only
 * re-encodings are kept: a display variant (long side ≤ 1,600 px by default) and a thumbnail (≤ 320 px),
 * upright and with no metadata, as JPEG (photographs) or PNG (transparency, graphics). The id is the SHA-256 of those bytes, so
 * one picture is stored once.
 *
 * <p>Table {@code images} (bytes in the row: SQLite backups and PostgreSQL replicas carry them). Routes:
 * {@code POST /api/v1/sites/{site}/images}, {@code GET /media/{id}/{display|thumb}}. Publishes no events;
 * the comments side tells it which images nothing shows any more ({@link org.parley.media.Media#deleteUnreferenced}).
 */
package org.parley.media;
