/**
 * The {@code parley} command: {@code serve}, {@code demo}, {@code site …}. Parses flags, loads the
 * configuration and hands over to {@link org.parley.web.Parley}. The commands and flags are a stable
 * interface that newsroom scripts rely on.
 */
package org.parley.cli;
