package org.parley.abuse;

/** One labelled text from a data set: which source and split it belongs to, and whether it is abusive. */
record Example(String text, boolean abusive, Source source, Split split) {

    /**
     * The data sets Parley trains on, by their folder under the data directory, and the {@code PARLEY}
     * sources: the texts Parley writes itself ({@link Augmentation}), one source per kind of text.
     */
    enum Source {
        OLID("olid", "olid"), CONVABUSE("convabuse", "convabuse"), DAVIDSON("davidson2017", "davidson2017"),
        HATEXPLAIN("hatexplain", "hatexplain"), PARLEY("parley", "parley"),
        /** Parley's counter-speech sentences ({@link Augmentation#counterSpeech()}). */
        PARLEY_COUNTER_SPEECH("parley-counter-speech", "parley"),
        /** Parley's legitimate news comments ({@link Augmentation#neutralComments()}). */
        PARLEY_COMMENTS("parley-comments", "parley"),
        /** Parley's news comments labelled both ways: hostile replies and blunt but legitimate comments. */
        PARLEY_LABELLED("parley-labelled", "parley"),
        /** OLID's test tweets scored against their level-B label: only a targeted insult or threat is abusive. */
        OLID_TARGETED("olid-tin", "olid");

        private final String folder;
        private final String dataSet;

        Source(String folder, String dataSet) {
            this.folder = folder;
            this.dataSet = dataSet;
        }

        /** The name this source is reported under. */
        String folder() {
            return folder;
        }

        /** The data set this source comes from (holding a data set out holds out all its sources). */
        String dataSet() {
            return dataSet;
        }

        /** One of the files Parley writes itself, rather than a public data set. */
        boolean parley() {
            return dataSet.equals("parley");
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
