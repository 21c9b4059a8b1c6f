package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlStatements;
import org.jdbi.v3.core.statement.StatementContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.sites.SiteId;
import org.parley.store.Database;
import org.parley.testing.TestDatabases;

/**
 * The comment queries a post, an author's edit or a deletion runs are index seeks bounded by the author,
 * the page or the comment concerned, on SQLite, whatever statistics the planner has; so are a thread's read
 * and the comment counts a reader with blocks gets. A plan through
 * {@code comments_by_status} reads every comment ever published: half a second a post at a million comments.
 * SQLite chose it with no statistics, and chooses it again with the sampled ones {@code PRAGMA optimize}
 * takes (they rate {@code status = ?} as selective as {@code author_id = ?}), so the plans must not depend on them.
 */
class PostingPlansOnSqliteTest {

    private static final SiteId SITE = new SiteId("courier");
    private static final PageKey KEY = new PageKey("2026/11/river-report");
    private static final PageId PAGE = new PageId("p_00000000000000001");
    private static final String COMMENT = "c_00000000000000001";
    private static final String AUTHOR = "g_00000000000000001";

    /** The planner's statistics, as {@code sqlite_stat1} holds them (table, index, stat). */
    enum Statistics {
        /** A new database, or one never analysed. */
        NONE(),
        /** A million comments, sampled as {@code PRAGMA optimize} samples them (its analysis limit). */
        SAMPLED("author_counts author_counts 184643 2001 1",
                "comments comments_by_parent_status 1000000 3 3", "comments comments_by_status 1000000 2001 1",
                "comments comments_by_review 1000000 2001 1", "comments comments_by_author_page 1000000 2001 2 2",
                "comments comments_by_page 1000000 53 1", "comments sqlite_autoindex_comments_1 1000000 1",
                "pages sqlite_autoindex_pages_2 16253 1334 1", "pages sqlite_autoindex_pages_1 16253 1"),
        /** The same million comments, analysed in full. */
        EXACT("author_counts author_counts 184643 61548 1",
                "comments comments_by_parent_status 1000000 2 2", "comments comments_by_status 1000000 250000 1",
                "comments comments_by_review 1000000 333334 1", "comments comments_by_author_page 1000000 11 1 1",
                "comments comments_by_page 1000000 62 1", "comments sqlite_autoindex_comments_1 1000000 1",
                "pages sqlite_autoindex_pages_2 16253 5418 1", "pages sqlite_autoindex_pages_1 16253 1");

        final List<String> rows;

        Statistics(String... rows) {
            this.rows = List.of(rows);
        }
    }

    @TempDir
    Path dir;
    Database db;
    final CommentRepository comments = new CommentRepository();
    final PageRepository pages = new PageRepository();

    @BeforeEach
    void open() {
        db = Database.open(TestDatabases.sqlite(dir));
        db.write(h -> {
            h.execute("""
                    INSERT INTO sites (id, name, origins, secret_hash, edit_window_seconds, max_comment_length, created_at)
                    VALUES ('courier', 'The Courier', '', 'x', 900, 5000, 0)""");
            h.execute("INSERT INTO pages (id, site_id, page_key, created_at) VALUES (?, 'courier', ?, 0)", PAGE.value(), KEY.value());
            h.execute("""
                    INSERT INTO comments (id, page_id, depth, author_id, markdown, html, status, created_at)
                    VALUES (?, ?, 0, ?, '', '', 'published', 0)""", COMMENT, PAGE.value(), AUTHOR);
            return null;
        });
    }

    @AfterEach
    void close() {
        db.close();
    }

    @ParameterizedTest
    @EnumSource(Statistics.class)
    void postingEditingAndDeletingReadOnlyWhatConcernsTheirAuthorPageOrComment(Statistics statistics) {
        plant(statistics);

        Map<String, List<String>> plans = plans(h -> {
            comments.publishedOnSite(h, AUTHOR, SITE);
            comments.publishedReplies(h, COMMENT);
            comments.hasPublishedDescendant(h, COMMENT);
            comments.find(h, COMMENT);
            pages.find(h, SITE, KEY);
            pages.recordChange(h, PAGE, 1, "posted", COMMENT, Instant.EPOCH);
        });

        assertThat(plans).hasSize(7);
        assertBounded(plans);
        assertThat(plan(plans, "FROM author_counts"))
                .containsExactly("SEARCH author_counts USING PRIMARY KEY (site_id=? AND author_id=?)");
        assertThat(plan(plans, "WHERE parent_id = ? AND status"))
                .containsExactly("SEARCH comments USING COVERING INDEX comments_by_parent_status (parent_id=? AND status=?)");
    }

    @ParameterizedTest
    @EnumSource(Statistics.class)
    void aThreadAndTheCountsAReaderWithBlocksGetsReadOnlyThePagesAsked(Statistics statistics) {
        plant(statistics);

        Map<String, List<String>> plans = plans(h -> {
            comments.forPage(h, PAGE);
            comments.publishedBy(h, SITE, List.of(KEY.value(), "2026/11/other"), List.of(AUTHOR, "g_00000000000000002"));
        });

        assertBounded(plans);
        assertThat(plan(plans, "WHERE page_id = ? ORDER BY created_at")).as("in the thread's order, all but ties")
                .containsExactly("SEARCH comments USING INDEX comments_by_page (page_id=?)", "USE TEMP B-TREE FOR LAST TERM OF ORDER BY");
        assertThat(plan(plans, "GROUP BY p.page_key")).anyMatch(step -> step.startsWith("SEARCH c USING COVERING INDEX comments_by_author_page"));
    }

    /** No step reads comments by status or review alone, nor scans a table (a recursive query's own rows aside). */
    private static void assertBounded(Map<String, List<String>> plans) {
        assertThat(plans).allSatisfy((sql, plan) -> assertThat(plan).as(sql)
                .noneMatch(step -> step.contains("comments_by_status") || step.contains("comments_by_review"))
                .noneMatch(step -> step.startsWith("SCAN ") && !step.equals("SCAN below") && !step.equals("SCAN b")));
    }

    /**
     * Replaces the planner's statistics with {@code statistics} and has the connection read them again. The
     * driver's SQLite also keeps value samples (sqlite_stat4); those of this tiny database would contradict the
     * planted counts, so they go.
     */
    private void plant(Statistics statistics) {
        db.write(h -> {
            h.execute("ANALYZE");
            h.execute("DELETE FROM sqlite_stat1");
            if (h.createQuery("SELECT COUNT(*) FROM sqlite_schema WHERE name = 'sqlite_stat4'").mapTo(Integer.class).one() > 0) {
                h.execute("DELETE FROM sqlite_stat4");
            }
            for (String row : statistics.rows) {
                String[] parts = row.split(" ", 3);
                h.execute("INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", parts[0], parts[1], parts[2]);
            }
            h.execute("ANALYZE sqlite_schema");
            return null;
        });
    }

    /** Runs {@code work} on the write connection (where posting runs) and explains each statement it ran, by SQL text. */
    private Map<String, List<String>> plans(Consumer<Handle> work) {
        return db.write(h -> {
            List<String> statements = new ArrayList<>();
            h.getConfig(SqlStatements.class).setSqlLogger(new SqlLogger() {
                @Override
                public void logBeforeExecution(StatementContext context) {
                    statements.add(context.getParsedSql().getSql());
                }
            });
            work.accept(h);
            Map<String, List<String>> plans = new LinkedHashMap<>();
            for (String sql : statements) {
                plans.put(sql.replaceAll("\\s+", " ").strip(), explain(h, sql));
            }
            return plans;
        });
    }

    private static List<String> explain(Handle h, String sql) {
        try (PreparedStatement explain = h.getConnection().prepareStatement("EXPLAIN QUERY PLAN " + sql)) {
            for (int i = 1; i <= explain.getParameterMetaData().getParameterCount(); i++) {
                explain.setObject(i, null); // plans do not depend on the values without STAT4
            }
            List<String> steps = new ArrayList<>();
            try (ResultSet rows = explain.executeQuery()) {
                while (rows.next()) {
                    steps.add(rows.getString("detail"));
                }
            }
            return steps;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot explain " + sql, e);
        }
    }

    private static List<String> plan(Map<String, List<String>> plans, String fragment) {
        return plans.entrySet().stream().filter(entry -> entry.getKey().contains(fragment)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("no statement containing " + fragment + " among " + plans.keySet()));
    }
}
