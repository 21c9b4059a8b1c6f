package org.parley.web;

import java.util.Locale;

/** How Parley writes its log: {@code logging.format}. */
public enum LogFormat {
    /** One readable line per event, as Parley's logging configuration lays it out. */
    TEXT,
    /** One JSON object per line: time, level, logger, message, and for requests their fields (a request's id among them). */
    JSON;

    /** The value as written in configuration: {@code text} or {@code json}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
