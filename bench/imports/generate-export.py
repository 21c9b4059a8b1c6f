# Writes a synthetic comment export for import benchmarks:
#   python3 generate-export.py wxr|disqus PAGES COMMENTS_PER_PAGE [AUTHORS [long-tail]] > FILE
# A quarter of each page's comments are top-level, the rest reply to an earlier comment of the page (80 %) or are top-level;
# authors are AUTHORS readers with emails (5,000 unless given), each as likely as the next, or with 'long-tail' as on a real
# site: a few write much and most write once or twice (the author's number is AUTHORS to the power of a uniform draw).
# Times run forward as on a real site: page after page, each page's comments in the days after it.
# Disqus posts are shuffled across the file, as real exports list them.
import sys, random, datetime
random.seed(7)
kind, pages, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
authors = int(sys.argv[4]) if len(sys.argv) > 4 else 5000
long_tail = len(sys.argv) > 5 and sys.argv[5] == 'long-tail'


START = datetime.datetime(2010, 1, 1)


def page_time(p):
    return START + datetime.timedelta(hours=2 * p)


def comment_time(p, c):
    return page_time(p) + datetime.timedelta(minutes=7 * c + random.randint(0, 6))


def author():
    return max(1, int(authors ** random.random())) if long_tail else random.randint(1, authors)


out = sys.stdout
if kind == 'wxr':
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel><title>Bench</title>\n')
    cid = 0
    for p in range(pages):
        out.write(f'<item><title>Article {p}</title><link>https://bench.example/a/{p}/</link><wp:post_id>{p+1}</wp:post_id><wp:post_date_gmt>{page_time(p):%Y-%m-%d %H:%M:%S}</wp:post_date_gmt><wp:post_type>post</wp:post_type>\n')
        first = cid + 1
        for c in range(per):
            cid += 1
            parent = 0 if c == 0 or c < per // 4 or random.random() < 0.2 else random.randint(first, cid - 1)
            a = author()
            out.write(f'<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author><![CDATA[Reader {a}]]></wp:comment_author><wp:comment_author_email>r{a}@bench.example</wp:comment_author_email><wp:comment_date_gmt>{comment_time(p, c):%Y-%m-%d %H:%M:%S}</wp:comment_date_gmt><wp:comment_content><![CDATA[Comment {cid} on article {p}. ' + 'Some words about the story, with a <a href="https://example.org/{cid}">link</a> and more text to make it about as long as a real one. ' * 2 + ']]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>' + f'<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n')
        out.write('</item>\n')
    out.write('</channel></rss>\n')
else:
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n')
    for p in range(pages):
        out.write(f'<thread dsq:id="t{p}"><id>a-{p}</id><link>https://bench.example/a/{p}/</link><title>Article {p}</title><createdAt>{page_time(p):%Y-%m-%dT%H:%M:%SZ}</createdAt></thread>\n')
    cid = 0
    posts = []
    for p in range(pages):
        first = cid + 1
        for c in range(per):
            cid += 1
            parent = None if c == 0 or c < per // 4 or random.random() < 0.2 else random.randint(first, cid - 1)
            posts.append((cid, p, parent, comment_time(p, c)))
    random.shuffle(posts)
    for cid, p, parent, at in posts:
        a = author()
        par = f'<parent dsq:id="{parent}"/>' if parent else ''
        out.write(f'<post dsq:id="{cid}"><message><![CDATA[<p>Comment {cid} on article {p}. ' + 'Some words about the story, with a <a href="https://example.org/x">link</a> and more text. ' * 2 + f'</p>]]></message><createdAt>{at:%Y-%m-%dT%H:%M:%SZ}</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>r{a}@bench.example</email><name>Reader {a}</name></author><thread dsq:id="t{p}"/>{par}</post>\n')
    out.write('</disqus>\n')
