package org.parley.store;

/** The databases Parley runs on; each has its own migration folder. */
public enum Vendor {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String folder;

    Vendor(String folder) {
        this.folder = folder;
    }

    /** Folder under {@code db/migration} that holds this vendor's migrations. */
    public String migrationFolder() {
        return folder;
    }

    static Vendor of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:sqlite:")) {
            return SQLITE;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new IllegalArgumentException("store.url must start with jdbc:sqlite: or jdbc:postgresql:, was " + jdbcUrl);
    }
}
