package org.parley.cli;

import java.io.Console;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * Where a command talks: results on {@code out}, what it opened and what went wrong on {@code err},
 * input (a piped password, texts to score) on {@code in}.
 *
 * @param console the terminal to prompt on for a password, or null to read it from {@code in};
 *                {@link System#console()} is null when standard input or output is redirected
 */
record Terminal(PrintStream out, PrintStream err, InputStream in, Console console) {

    static Terminal system() {
        return new Terminal(System.out, System.err, System.in, System.console());
    }
}
