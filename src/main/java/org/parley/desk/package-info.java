/**
 * The desk: the moderators' dashboard under {@code /admin}, keyboard-first pages rendered on the server
 * from JTE templates ({@code src/main/jte/desk}). Door: {@link org.parley.desk.Desk}. It keeps no state
 * and no tables of its own: everything it shows and does goes through the moderation door, and each
 * site's webhooks page through the webhooks door.
 */
package org.parley.desk;
