# Writes a synthetic comment export for import benchmarks: python3 generate-export.py wxr|disqus PAGES COMMENTS_PER_PAGE > FILE
# A quarter of each page's comments are top-level, the rest reply to an earlier comment of the page (80 %) or are top-level;
# authors are 5,000 readers with emails. Disqus posts are shuffled across the file, as real exports list them.
import sys, random
random.seed(7)
kind, pages, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
out = sys.stdout
if kind == 'wxr':
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel><title>Bench</title>\n')
    cid = 0
    for p in range(pages):
        out.write(f'<item><title>Article {p}</title><link>https://bench.example/a/{p}/</link><wp:post_id>{p+1}</wp:post_id><wp:post_date_gmt>2015-01-01 00:00:00</wp:post_date_gmt><wp:post_type>post</wp:post_type>\n')
        first = cid + 1
        for c in range(per):
            cid += 1
            parent = 0 if c == 0 or c < per // 4 or random.random() < 0.2 else random.randint(first, cid - 1)
            a = random.randint(1, 5000)
            out.write(f'<wp:comment><wp:comment_id>{cid}</wp:comment_id><wp:comment_author><![CDATA[Reader {a}]]></wp:comment_author><wp:comment_author_email>r{a}@bench.example</wp:comment_author_email><wp:comment_date_gmt>2015-01-0{1 + c % 9} 10:{c % 60:02d}:00</wp:comment_date_gmt><wp:comment_content><![CDATA[Comment {cid} on article {p}. ' + 'Some words about the story, with a <a href="https://example.org/{cid}">link</a> and more text to make it about as long as a real one. ' * 2 + ']]></wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>comment</wp:comment_type>' + f'<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n')
        out.write('</item>\n')
    out.write('</channel></rss>\n')
else:
    out.write('<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">\n')
    for p in range(pages):
        out.write(f'<thread dsq:id="t{p}"><id>a-{p}</id><link>https://bench.example/a/{p}/</link><title>Article {p}</title><createdAt>2015-01-01T00:00:00Z</createdAt></thread>\n')
    cid = 0
    posts = []
    for p in range(pages):
        first = cid + 1
        for c in range(per):
            cid += 1
            parent = None if c == 0 or c < per // 4 or random.random() < 0.2 else random.randint(first, cid - 1)
            posts.append((cid, p, parent))
    random.shuffle(posts)
    for cid, p, parent in posts:
        a = random.randint(1, 5000)
        par = f'<parent dsq:id="{parent}"/>' if parent else ''
        out.write(f'<post dsq:id="{cid}"><message><![CDATA[<p>Comment {cid} on article {p}. ' + 'Some words about the story, with a <a href="https://example.org/x">link</a> and more text. ' * 2 + f'</p>]]></message><createdAt>2015-01-02T10:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam><author><email>r{a}@bench.example</email><name>Reader {a}</name></author><thread dsq:id="t{p}"/>{par}</post>\n')
    out.write('</disqus>\n')
