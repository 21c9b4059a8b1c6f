package org.parley.imports;

import org.parley.http.ProblemType;

/** Problems with importing into or exporting a site. */
public enum ImportProblem implements ProblemType {
    EXPORT_ADMINS_ONLY(403, "Only admins export a site");

    private final int status;
    private final String title;

    ImportProblem(int status, String title) {
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
