package org.parley.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.jdbi.v3.core.Handle;

/**
 * Tells, without Flyway, whether a database holds exactly the migrations this build bundles: every one applied
 * successfully, with the checksum Flyway recorded for the same file, and nothing else. Flyway resolves,
 * checksums and validates every migration at each start, which took about a third of a second before the first
 * request; when this check passes, a Flyway run would have found nothing to do. Anything else (a migration
 * pending, failed, applied out of order or changed since, a history this build does not know, or a question
 * this cannot answer) is left to Flyway, which applies or refuses as it always has.
 */
final class MigrationCheck {

    /** Flyway's file names: V, the version, two underscores, a description. */
    private static final Pattern VERSIONED = Pattern.compile("V([0-9][0-9._]*)__.+\\.sql");

    /** The bundled migrations: version as Flyway writes it in its history, and checksum. */
    private final Map<String, Integer> bundled;

    private MigrationCheck(Map<String, Integer> bundled) {
        this.bundled = bundled;
    }

    /** The migrations on the class path under {@code folder} ({@code db/migration/sqlite}); empty when unreadable. */
    static MigrationCheck bundled(String folder) {
        ClassLoader loader = MigrationCheck.class.getClassLoader();
        Map<String, Integer> found = new HashMap<>();
        try {
            for (String name : fileNames(loader, folder)) {
                Matcher versioned = VERSIONED.matcher(name);
                if (!versioned.matches()) {
                    return new MigrationCheck(Map.of()); // a kind of migration this check does not know
                }
                try (InputStream in = loader.getResourceAsStream(folder + "/" + name)) {
                    if (in == null) {
                        return new MigrationCheck(Map.of());
                    }
                    found.put(versioned.group(1).replace('_', '.'), checksum(in));
                }
            }
        } catch (IOException | UncheckedIOException | URISyntaxException | IllegalArgumentException e) {
            return new MigrationCheck(Map.of());
        }
        return new MigrationCheck(Collections.unmodifiableMap(found));
    }

    /**
     * True only when the database's Flyway history holds exactly the bundled migrations, each applied
     * successfully with the same checksum; false when anything differs or cannot be read.
     */
    boolean upToDate(Handle handle) {
        if (bundled.isEmpty()) {
            return false;
        }
        try {
            List<Map<String, Object>> rows = handle.createQuery(
                    "SELECT version, checksum, success, type FROM flyway_schema_history").mapToMap().list();
            Map<String, Integer> applied = new HashMap<>();
            for (Map<String, Object> row : rows) {
                Object version = row.get("version");
                Object checksum = row.get("checksum");
                if (version == null || !(checksum instanceof Number sum) || !successful(row.get("success"))
                        || !"SQL".equals(row.get("type")) || applied.put(version.toString(), sum.intValue()) != null) {
                    return false;
                }
            }
            return applied.equals(bundled);
        } catch (RuntimeException noHistoryOrNoAnswer) {
            return false;
        }
    }

    private static boolean successful(Object success) {
        return success instanceof Boolean yes ? yes : success instanceof Number n && n.intValue() == 1;
    }

    /**
     * Flyway's checksum of a migration: CRC-32 over the UTF-8 bytes of each line without its line break, a
     * byte-order mark dropped, so line endings do not count.
     */
    static int checksum(InputStream in) throws IOException {
        CRC32 crc = new CRC32();
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line = reader.readLine();
        if (line != null && line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        for (; line != null; line = reader.readLine()) {
            crc.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return (int) crc.getValue();
    }

    /** The files directly in {@code folder}, from a jar or a directory of classes (tests, IDEs). */
    private static List<String> fileNames(ClassLoader loader, String folder) throws IOException, URISyntaxException {
        URL url = Optional.ofNullable(loader.getResource(folder)).orElseThrow(() -> new IOException("no " + folder));
        switch (url.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
                    return files.map(file -> file.getFileName().toString()).toList();
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) url.openConnection();
                connection.setUseCaches(false);
                String prefix = folder + "/";
                try (JarFile jar = connection.getJarFile()) {
                    return jar.stream().map(JarEntry::getName)
                            .filter(name -> name.startsWith(prefix) && name.length() > prefix.length()
                                    && name.indexOf('/', prefix.length()) < 0)
                            .map(name -> name.substring(prefix.length())).toList();
                }
            }
            default -> throw new IOException("cannot list " + url);
        }
    }
}
