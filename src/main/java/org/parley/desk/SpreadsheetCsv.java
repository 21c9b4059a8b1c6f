package org.parley.desk;

import java.text.Normalizer;
import java.util.List;

/**
 * CSV (RFC 4180) meant to be opened in a spreadsheet, where some of the text comes from readers. Two
 * rules, after OWASP's advice on CSV injection:
 * <ul>
 *   <li>Every cell is quoted and its quotes doubled, so no comma, semicolon (the separator of some
 *       locales), tab or line break inside a cell can end it, whatever separator the program guesses.</li>
 *   <li>A cell a spreadsheet could take for a formula gets a leading single quote, which spreadsheets read
 *       as "this is text". That is a cell starting with a control character (tab, CR, LF…), or whose first
 *       visible character is {@code = + - @} in any of Unicode's compatible forms (full-width {@code ＝},
 *       small {@code ﹢}, the minus sign {@code −}) — visible, because spreadsheets skip leading spaces
 *       and invisible format characters before looking for a formula.</li>
 * </ul>
 * The price is that a reason like {@code -5 points} reads {@code '-5 points}; the JSON export carries
 * every value unchanged.
 */
final class SpreadsheetCsv {

    private static final String FORMULA_STARTS = "=+-@";
    private static final char MINUS_SIGN = '\u2212';

    private SpreadsheetCsv() {
    }

    /** One record: each cell neutralised and quoted, separated by commas, ended by CRLF. */
    static String row(List<String> cells) {
        StringBuilder out = new StringBuilder();
        for (String cell : cells) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            out.append('"').append(neutralised(cell).replace("\"", "\"\"")).append('"');
        }
        return out.append("\r\n").toString();
    }

    /** The text a spreadsheet shows as this cell's value: unchanged unless it could start a formula. */
    static String neutralised(String value) {
        return mayStartFormula(value) ? "'" + value : value;
    }

    static boolean mayStartFormula(String value) {
        if (value.isEmpty()) {
            return false;
        }
        if (Character.isISOControl(value.charAt(0))) {
            return true;
        }
        int i = 0;
        while (i < value.length()) {
            int c = value.codePointAt(i);
            if (!(Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c)
                    || Character.getType(c) == Character.FORMAT)) {
                return c == MINUS_SIGN || FORMULA_STARTS.indexOf(folded(c)) >= 0;
            }
            i += Character.charCount(c);
        }
        return false;
    }

    /** The character a compatible form stands for ({@code ＝} → {@code =}); the first one if it expands. */
    private static char folded(int codePoint) {
        String folded = Normalizer.normalize(Character.toString(codePoint), Normalizer.Form.NFKC);
        return folded.isEmpty() ? '\0' : folded.charAt(0);
    }
}
