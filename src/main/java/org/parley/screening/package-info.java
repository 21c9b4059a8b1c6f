/**
 * Screening: every new comment and every author's edit, before it is stored. Refuses sanctioned
 * commenters and floods, runs the signals (word list, abuse model, links, the author's standing, readers'
 * blocks, repeated text, flame wars, edits of approved text) and lets the policy publish, hold or reject
 * under the page's moderation rules, each reason kept with the comment. A signal that fails holds the
 * comment instead of failing the post. Door: {@link org.parley.screening.Screening}, which implements
 * {@link org.parley.comments.Gate}; adding a signal is one class implementing {@code Signal}.
 * Tables: {@code reply_turns}, {@code fingerprints}.
 */
package org.parley.screening;
