/**
 * The {@code parley} command: {@code serve}, {@code demo}, {@code site …}, {@code admin …}, {@code import …}, {@code model …}.
 * {@link org.parley.cli.Commands} lists every command with its flags, and usage text, {@code --help}, the
 * flag check and the README's command table all come from that list. Main parses the command line, loads the
 * configuration, puts its log format into effect ({@code LogOutput}: JSON lines through {@code JsonLogEncoder},
 * or logback.xml's text), opens the database through {@code CommandDatabase} (which says on standard error
 * which one) and hands over to the feature doors or to {@link org.parley.web.Parley}. The commands and flags are a
 * stable interface that newsroom scripts rely on.
 */
package org.parley.cli;
