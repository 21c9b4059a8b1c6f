/**
 * The local abuse classifier: how likely a text is abusive (an insult, threat, identity attack or
 * obscene harassment), with the words that drove the score. Door: {@link org.parley.abuse.Abuse}
 * ({@code create()}, {@code assess(text)}, and the {@code train} / {@code evaluate} behind
 * {@code parley model …}). It knows nothing of comments: moderation passes it text and compares the
 * probability with a site's {@link org.parley.abuse.AbuseThresholds}. No tables, no events.
 *
 * <p>Pipeline: {@code Normalizer} (NFKC, case, look-alikes, leetspeak, elongations, placeholders for
 * URLs, mentions and hashtags, keeping offsets into the original) → {@code Features} (hashed word 1-2
 * grams, pairs of a word and a nearby "you"/"they", negated words apart, and character 2-5 grams) → {@code Model} (logistic regression, 8-bit weights, shipped as
 * {@code abuse/model.bin} in {@code ModelFile}'s format) → {@code Scorer} (probability and spans).
 * Training: {@code DataSets} → {@code Augmentation} → {@code Trainer} ({@code Lbfgs}) →
 * {@code Evaluation} (metrics, thresholds). docs/MODEL.md is the model card.
 */
package org.parley.abuse;
