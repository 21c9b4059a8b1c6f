/**
 * The local abuse classifier: how likely a text is abusive (an insult, threat, identity attack or
 * obscene harassment), with the words that drove the score. Door: {@link org.parley.abuse.Abuse}
 * ({@code create()}, {@code assess(text)}, and the {@code train} / {@code evaluate} behind
 * {@code parley model …}). It knows nothing of comments: moderation passes it text and compares the
 * probability with a site's {@link org.parley.abuse.AbuseThresholds}. No tables, no events.
 *
 * <p>Scoring ({@code Assessor}): {@code Excerpts} (whole sentences, at most 25 words each, repetition
 * out) → for each excerpt the fast model ({@code Normalizer}: NFKC, case, look-alikes, leetspeak,
 * masked and spaced-out words ({@code MaskedWords}), elongations, placeholders, keeping offsets →
 * {@code Features}: hashed word 1-2 grams, pairs with "you"/"they", negation, character 2-5 grams →
 * {@code Model}: 8-bit logistic regression → {@code Scorer}: log-odds and spans) and the sentence
 * encoder ({@code SentenceEncoder}: all-MiniLM-L6-v2 int8 on ONNX Runtime, {@code WordPiece} tokens,
 * run on the {@code EncoderPool}'s threads) → {@code Ensemble}: the head on the encoder's vector, the
 * two log-odds stacked, the excerpts pooled by a soft maximum. {@code Language} marks text that is not
 * English (its score unreliable). Both parts ship in {@code abuse/model.bin} ({@code ModelFile}).
 *
 * <p>Training: {@code DataSets} and {@code Augmentation} → {@code Trainer} ({@code Lbfgs}) for the fast
 * model → {@code Calibration} → {@code EnsembleTrainer} (vectors kept in an {@code EmbeddingCache}
 * file) → {@code Evaluation} (metrics, thresholds, by length). docs/MODEL.md is the model card.
 */
package org.parley.abuse;
