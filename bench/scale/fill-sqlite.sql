-- A news site's history, written straight into a Parley SQLite database made by `parley site save` (sites
-- bench, metro and sport exist): :guests guests whose tokens are 'bench-token-<n>', and :comments comments
-- spread over two years up to :now (epoch ms) on pages of very different sizes, by authors of very
-- different activity, with replies, every status, and the rows screening keeps per comment (reply turns,
-- fingerprints, the pages' change logs) and some blocks. Run by bench/scale/fill.py, which binds the
-- parameters and supplies sha256_hex(); :comments = 0 makes the guests only.
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;

-- Lengths of comments and slices of this text make the bodies: readers' prose, of ordinary length.
CREATE TEMP TABLE prose (body TEXT);
INSERT INTO prose VALUES ('The council said the bridge would reopen in spring, but nobody I talk to in the village '
  || 'believes it. We have heard the same promise three winters running, and every time the cost goes up while the '
  || 'work stops. I would like to see the contract itself, not another press release. Read the report linked '
  || 'above: the engineers warned about the bearings in 2019. Why is this only news now? My daughter drives the '
  || 'long way round every morning, forty minutes each way, and the bus was cut last year. Still, credit where it '
  || 'is due: the reporter asked the right questions and printed the answers in full. More of this, please.');

CREATE TEMP TABLE n (i INTEGER PRIMARY KEY);
WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < max(:guests, :comments / 20 + 1))
INSERT INTO n SELECT i FROM c;

INSERT INTO guests (id, token_hash, created_at, network, crowded)
SELECT printf('g_%017d', i), sha256_hex('bench-token-' || i), :now - 800 * 86400000 + i * 1000, NULL, 0
FROM n WHERE i < :guests;

-- Pages: most threads are short, some run to hundreds, a few to thousands of comments.
CREATE TEMP TABLE page_sizes AS
SELECT i AS p, CASE WHEN r % 100 < 85 THEN 1 + r / 100 % 60
                    WHEN r % 100 < 99 THEN 60 + r / 100 % 340
                    ELSE 400 + r / 100 % 3600 END AS size
FROM (SELECT i, abs(random()) AS r FROM n WHERE i < :comments / 20 + 1);
CREATE TEMP TABLE page_spans AS
SELECT p, size, SUM(size) OVER (ORDER BY p) - size AS first FROM page_sizes;
DELETE FROM page_spans WHERE first >= :comments;
CREATE INDEX temp.page_spans_by_first ON page_spans (first);

INSERT INTO pages (id, site_id, page_key, title, url, byline, section, published_at, is_open, comment_count, version, created_at)
SELECT printf('p_%017d', p), CASE p % 10 WHEN 8 THEN 'metro' WHEN 9 THEN 'sport' ELSE 'bench' END,
       printf('news/%d/story-%d', 2025 + p % 2, p), 'Story number ' || p, 'https://news.example/story-' || p, 'Staff reporter',
       CASE p % 4 WHEN 0 THEN 'politics' WHEN 1 THEN 'local' WHEN 2 THEN 'sport' ELSE NULL END,
       :now - 730 * 86400000 + first * (730 * 86400000 / :comments) - 3600000, p % 50 <> 0, 0, 0,
       :now - 730 * 86400000 + first * (730 * 86400000 / :comments) - 3600000
FROM page_spans;

-- Comment i is the k-th of its page; of every five, the first is top-level, the next two answer it, and the
-- last two answer the one before them (depth 2, 3): conversations as well as remarks. Authors follow a steep
-- curve, as real commenters do: the busiest wrote thousands of comments, most wrote a handful.
CREATE TEMP TABLE shaped AS
SELECT n.i, s.p, n.i - s.first AS k, s.first,
       CAST(:guests * power((abs(random()) % 1000000) / 1000000.0, 3) AS INTEGER) AS author,
       abs(random()) % 100 AS fate, abs(random()) AS r
FROM (WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i + 1 < :comments) SELECT i FROM c WHERE i < :comments) n
JOIN page_spans s ON s.first = (SELECT max(first) FROM page_spans WHERE first <= n.i);

INSERT INTO comments (id, page_id, parent_id, depth, author_id, author_name, markdown, html, status, created_at,
                      edited_at, deleted_at, up, down, featured, review, reasons, author_note)
SELECT printf('c_%017d', i), printf('p_%017d', p),
       CASE WHEN k % 5 = 0 THEN NULL WHEN k % 5 IN (1, 2) THEN printf('c_%017d', i - k % 5) ELSE printf('c_%017d', i - 1) END,
       CASE k % 5 WHEN 0 THEN 0 WHEN 1 THEN 1 WHEN 2 THEN 1 WHEN 3 THEN 2 ELSE 3 END,
       printf('g_%017d', author), CASE WHEN fate >= 95 THEN NULL ELSE 'Reader ' || author END,
       CASE WHEN fate >= 95 THEN '' ELSE substr(body, 1 + r % 300, 40 + r / 300 % 500) END,
       CASE WHEN fate >= 95 THEN '' ELSE '<p>' || substr(body, 1 + r % 300, 40 + r / 300 % 500) || '</p>' END,
       CASE WHEN fate < 88 THEN 'published' WHEN fate < 91 THEN 'pending' WHEN fate < 95 THEN 'rejected' ELSE 'deleted' END,
       :now - 730 * 86400000 + i * (730 * 86400000 / :comments),
       CASE WHEN r % 20 = 0 THEN :now - 730 * 86400000 + i * (730 * 86400000 / :comments) + 60000 END,
       CASE WHEN fate >= 95 THEN :now - 730 * 86400000 + i * (730 * 86400000 / :comments) + 600000 END,
       r % 7, r / 7 % 3, r % 500 = 0,
       CASE WHEN fate BETWEEN 88 AND 90 THEN 'open' WHEN fate BETWEEN 91 AND 94 OR r % 40 = 0 THEN 'done' ELSE 'none' END,
       CASE WHEN fate BETWEEN 88 AND 94 THEN '[{"signal":"abuse","level":"HOLD","detail":"Abuse model score 0.91.","spans":[]}]' ELSE '[]' END,
       CASE WHEN fate BETWEEN 91 AND 94 THEN 'Removed: personal attack.' END
FROM shaped, prose;

UPDATE pages SET comment_count = counted.published, version = counted.changes
FROM (SELECT page_id, count(*) AS changes, count(CASE WHEN status = 'published' THEN 1 END) AS published
      FROM comments GROUP BY page_id) AS counted
WHERE pages.id = counted.page_id;

INSERT INTO page_events (page_id, version, kind, comment_id, created_at)
SELECT printf('p_%017d', p), k + 1, 'posted', printf('c_%017d', i), :now - 730 * 86400000 + i * (730 * 86400000 / :comments)
FROM shaped;

INSERT INTO reply_turns (comment_id, site_id, page_key, author_id, parent_id, parent_author_id, created_at, hostility)
SELECT c.id, p.site_id, p.page_key, c.author_id, c.parent_id, parent.author_id, c.created_at, (abs(random()) % 1000) / 1000.0
FROM comments c JOIN pages p ON p.id = c.page_id LEFT JOIN comments parent ON parent.id = c.parent_id;

INSERT INTO fingerprints (comment_id, site_id, author_id, simhash, created_at)
SELECT c.id, p.site_id, c.author_id, random(), c.created_at
FROM comments c JOIN pages p ON p.id = c.page_id WHERE c.status <> 'deleted';

INSERT OR IGNORE INTO blocks (blocker_id, blocked_id, blocked_name, site_id, created_at, network, newcomer, delegation)
SELECT printf('g_%017d', abs(random()) % :guests), author_id, author_name, 'bench', created_at, NULL, 0, NULL
FROM comments WHERE abs(random()) % 50 = 0;
