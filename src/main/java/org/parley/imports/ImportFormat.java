package org.parley.imports;

import java.util.Locale;

/**
 * The exports Parley reads: Disqus's XML export, WordPress's WXR (every version, comments of every post type),
 * Remark42's backup, Commento's export and Parley's own ({@code parley export}, {@code docs/export-schema.json}).
 */
public enum ImportFormat {
    DISQUS,
    WORDPRESS,
    REMARK42,
    COMMENTO,
    PARLEY;

    /** The name on the command line and in {@code import_sources}: {@code disqus}, {@code wordpress}. */
    public String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
