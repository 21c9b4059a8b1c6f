package org.parley.imports;

import java.util.Optional;

/** Where an exported page goes: its Parley page key, from its address and title in the export, with its comments. */
public record PageMapping(String pageKey, Optional<String> url, Optional<String> title, int comments) {
}
