-- The PostgreSQL twin of fill-sqlite.sql (read that first): the same history, drawn from a seeded random
-- generator, so two schemas filled alike hold the same rows. Run as
--   psql -v comments=N -v guests=G -v now=EPOCH_MS -v seed=0.42 -f bench/scale/fill-postgresql.sql
-- with the connection's search_path set to a schema `parley site save` made (sites bench, metro, sport).
\set ON_ERROR_STOP on
BEGIN;
SELECT setseed(:seed);
CREATE TEMP TABLE prose AS SELECT 'The council said the bridge would reopen in spring, but nobody I talk to in the village '
  || 'believes it. We have heard the same promise three winters running, and every time the cost goes up while the '
  || 'work stops. I would like to see the contract itself, not another press release. Read the report linked '
  || 'above: the engineers warned about the bearings in 2019. Why is this only news now? My daughter drives the '
  || 'long way round every morning, forty minutes each way, and the bus was cut last year. Still, credit where it '
  || 'is due: the reporter asked the right questions and printed the answers in full. More of this, please.' AS body;

INSERT INTO guests (id, token_hash, created_at, network, crowded)
SELECT format('g_%s', lpad(i::text, 17, '0')), encode(sha256(convert_to('bench-token-' || i, 'UTF8')), 'hex'),
       :now - 800 * 86400000::bigint + i * 1000, NULL, false
FROM generate_series(0, :guests - 1) i;

CREATE TEMP TABLE page_sizes AS
SELECT p, CASE WHEN r % 100 < 85 THEN 1 + r / 100 % 60 WHEN r % 100 < 99 THEN 60 + r / 100 % 340
               ELSE 400 + r / 100 % 3600 END AS size
FROM (SELECT p, (random() * 2147483647)::bigint AS r FROM generate_series(0, :comments / 20) p ORDER BY p) s;
CREATE TEMP TABLE page_spans AS
SELECT p, size, SUM(size) OVER (ORDER BY p) - size AS first FROM page_sizes;
DELETE FROM page_spans WHERE first >= :comments;
CREATE INDEX ON page_spans (first);
ANALYZE page_spans;

INSERT INTO pages (id, site_id, page_key, title, url, byline, section, published_at, is_open, comment_count, version, created_at)
SELECT format('p_%s', lpad(p::text, 17, '0')), CASE p % 10 WHEN 8 THEN 'metro' WHEN 9 THEN 'sport' ELSE 'bench' END,
       format('news/%s/story-%s', 2025 + p % 2, p), 'Story number ' || p, 'https://news.example/story-' || p, 'Staff reporter',
       CASE p % 4 WHEN 0 THEN 'politics' WHEN 1 THEN 'local' WHEN 2 THEN 'sport' END,
       :now - 730 * 86400000::bigint + first * (730 * 86400000::bigint / :comments) - 3600000, p % 50 <> 0, 0, 0,
       :now - 730 * 86400000::bigint + first * (730 * 86400000::bigint / :comments) - 3600000
FROM page_spans ORDER BY p;

CREATE TEMP TABLE shaped AS
SELECT n.i, s.p, n.i - s.first AS k, (:guests * power(random(), 3))::bigint AS author,
       floor(random() * 100)::int AS fate, (random() * 2147483647)::bigint AS r
FROM generate_series(0, :comments - 1) n(i)
CROSS JOIN LATERAL (SELECT p, first FROM page_spans WHERE first <= n.i ORDER BY first DESC LIMIT 1) s
ORDER BY n.i;
UPDATE shaped SET author = :guests - 1 WHERE author >= :guests;

INSERT INTO comments (id, page_id, parent_id, depth, author_id, author_name, markdown, html, status, created_at,
                      edited_at, deleted_at, up, down, featured, review, reasons, author_note)
SELECT format('c_%s', lpad(i::text, 17, '0')), format('p_%s', lpad(p::text, 17, '0')),
       CASE WHEN k % 5 = 0 THEN NULL WHEN k % 5 IN (1, 2) THEN format('c_%s', lpad((i - k % 5)::text, 17, '0'))
            ELSE format('c_%s', lpad((i - 1)::text, 17, '0')) END,
       CASE k % 5 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 1 WHEN 3 THEN 2 ELSE 3 END,
       format('g_%s', lpad(author::text, 17, '0')), CASE WHEN fate >= 95 THEN NULL ELSE 'Reader ' || author END,
       CASE WHEN fate >= 95 THEN '' ELSE substr(body, 1 + (r % 300)::int, 40 + (r / 300 % 500)::int) END,
       CASE WHEN fate >= 95 THEN '' ELSE '<p>' || substr(body, 1 + (r % 300)::int, 40 + (r / 300 % 500)::int) || '</p>' END,
       CASE WHEN fate < 88 THEN 'published' WHEN fate < 91 THEN 'pending' WHEN fate < 95 THEN 'rejected' ELSE 'deleted' END,
       :now - 730 * 86400000::bigint + i * (730 * 86400000::bigint / :comments),
       CASE WHEN r % 20 = 0 THEN :now - 730 * 86400000::bigint + i * (730 * 86400000::bigint / :comments) + 60000 END,
       CASE WHEN fate >= 95 THEN :now - 730 * 86400000::bigint + i * (730 * 86400000::bigint / :comments) + 600000 END,
       r % 7, r / 7 % 3, r % 500 = 0,
       CASE WHEN fate BETWEEN 88 AND 90 THEN 'open' WHEN fate BETWEEN 91 AND 94 OR r % 40 = 0 THEN 'done' ELSE 'none' END,
       CASE WHEN fate BETWEEN 88 AND 94 THEN '[{"signal":"abuse","level":"HOLD","detail":"Abuse model score 0.91.","spans":[]}]' ELSE '[]' END,
       CASE WHEN fate BETWEEN 91 AND 94 THEN 'Removed: personal attack.' END
FROM shaped, prose ORDER BY i;

UPDATE pages SET comment_count = counted.published, version = counted.changes
FROM (SELECT page_id, count(*) AS changes, count(*) FILTER (WHERE status = 'published') AS published
      FROM comments GROUP BY page_id) AS counted
WHERE pages.id = counted.page_id;

INSERT INTO page_events (page_id, version, kind, comment_id, created_at)
SELECT format('p_%s', lpad(p::text, 17, '0')), k + 1, 'posted', format('c_%s', lpad(i::text, 17, '0')),
       :now - 730 * 86400000::bigint + i * (730 * 86400000::bigint / :comments)
FROM shaped;

INSERT INTO reply_turns (comment_id, site_id, page_key, author_id, parent_id, parent_author_id, created_at, hostility)
SELECT c.id, p.site_id, p.page_key, c.author_id, c.parent_id, parent.author_id, c.created_at, floor(random() * 1000) / 1000.0
FROM comments c JOIN pages p ON p.id = c.page_id LEFT JOIN comments parent ON parent.id = c.parent_id;

INSERT INTO fingerprints (comment_id, site_id, author_id, simhash, created_at)
SELECT c.id, p.site_id, c.author_id, (random() * 9.2e18 - 4.6e18)::bigint, c.created_at
FROM comments c JOIN pages p ON p.id = c.page_id WHERE c.status <> 'deleted';

INSERT INTO blocks (blocker_id, blocked_id, blocked_name, site_id, created_at, network, newcomer, delegation)
SELECT format('g_%s', lpad(floor(random() * :guests)::bigint::text, 17, '0')), author_id, author_name, 'bench', created_at,
       NULL, false, NULL
FROM comments WHERE random() < 0.02
ON CONFLICT DO NOTHING;
COMMIT;
