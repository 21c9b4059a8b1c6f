package org.parley.imports;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an import brought in, or for a dry run would.
 *
 * @param pages        pages that received comments (dry run: pages that would)
 * @param imported     comments stored, by the status they got: published, pending, rejected, deleted
 * @param skipped      comments not stored, by reason: already-imported, pingback, trackback, too-long, no-page-key,
 *                     unknown-page
 * @param warnings     the first {@value Imports#WARNINGS_KEPT} warnings (a reply whose parent is missing, a name
 *                     changed, …), each naming the comment or page
 * @param warningCount every warning, also those not kept
 * @param mapping      dry run: what each exported page becomes; empty otherwise
 */
public record ImportSummary(ImportFormat format, boolean dryRun, int pages, Map<String, Long> imported,
                            Map<String, Long> skipped, List<String> warnings, long warningCount, List<PageMapping> mapping,
                            Duration elapsed) {

    public ImportSummary {
        imported = Map.copyOf(imported);
        skipped = Map.copyOf(skipped);
        warnings = List.copyOf(warnings);
        mapping = List.copyOf(mapping);
    }

    /** Comments stored (or, for a dry run, that would be). */
    public long importedTotal() {
        return imported.values().stream().mapToLong(Long::longValue).sum();
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }
}
