/**
 * Word lists: each site's banned and suspect words and phrases, matched in comments however they are
 * disguised, with where each match is in the text as written. Door: {@link org.parley.words.Words}.
 * Moderation changes lists (with its audit entry), screening finds them in comments, the desk shows them.
 * Table: {@code word_terms}.
 */
package org.parley.words;
