package org.parley.abuse;

/** One labelled text from a data set: which source and split it belongs to, and whether it is abusive. */
record Example(String text, boolean abusive, Source source, Split split) {

    /**
     * The data sets Parley trains on, by their folder under the data directory, and {@code PARLEY}: the
     * sentences Parley writes itself ({@link Augmentation#neutralIdentity()}).
     */
    enum Source {
        OLID("olid"), CONVABUSE("convabuse"), DAVIDSON("davidson2017"), HATEXPLAIN("hatexplain"), PARLEY("parley");

        private final String folder;

        Source(String folder) {
            this.folder = folder;
        }

        String folder() {
            return folder;
        }

        static Source named(String name) {
            for (Source source : values()) {
                if (source.folder.equalsIgnoreCase(name) || source.name().equalsIgnoreCase(name)) {
                    return source;
                }
            }
            throw new IllegalArgumentException("unknown data set '" + name + "'; known: olid, convabuse, davidson2017, hatexplain");
        }
    }

    enum Split { TRAIN, VALIDATION, TEST }
}
