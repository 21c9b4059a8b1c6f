package org.parley.web;

import org.parley.http.ProblemType;

/** Problems with a request for Parley's metrics. */
enum MetricsProblem implements ProblemType {
    INVALID_METRICS_TOKEN(401, "Metrics token missing or wrong");

    private final int status;
    private final String title;

    MetricsProblem(int status, String title) {
        this.status = status;
        this.title = title;
    }

    @Override
    public int status() {
        return status;
    }

    @Override
    public String title() {
        return title;
    }
}
