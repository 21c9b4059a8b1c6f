package org.parley.comments;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.commonmark.ext.autolink.AutolinkExtension;
import org.commonmark.ext.gfm.strikethrough.StrikethroughExtension;
import org.commonmark.node.Heading;
import org.commonmark.node.Image;
import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.NodeRenderer;
import org.commonmark.renderer.html.HtmlNodeRendererContext;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.html.HtmlWriter;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * Turns a comment's markdown into HTML a page can show. Two layers: commonmark escapes raw HTML and
 * drops unsafe URLs, then an allow-list sanitizer keeps only plain text formatting and links, and marks
 * every link {@code nofollow ugc noopener noreferrer}. Images become links (pictures come through image
 * upload, not hotlinks) and headings become bold paragraphs (a comment should not outshout the article).
 * Thread-safe.
 */
final class CommentRenderer {

    private static final PolicyFactory POLICY = policy().toFactory();
    /**
     * The same allow-list for HTML from another system's export, where bold and italics are often written
     * {@code <b>} and {@code <i>}: those become {@code <strong>} and {@code <em>}, so nothing else gets through.
     */
    private static final PolicyFactory IMPORTED = policy()
            .allowElements((name, attributes) -> "strong", "b")
            .allowElements((name, attributes) -> "em", "i")
            .allowElements((name, attributes) -> "del", "s", "strike")
            .toFactory();

    private final Parser parser;
    private final HtmlRenderer renderer;

    CommentRenderer() {
        var extensions = List.of(AutolinkExtension.create(), StrikethroughExtension.create());
        parser = Parser.builder().extensions(extensions).build();
        renderer = HtmlRenderer.builder()
                .extensions(extensions)
                .escapeHtml(true)
                .sanitizeUrls(true)
                .softbreak("<br>\n")
                .nodeRendererFactory(PlainImagesAndHeadings::new)
                .build();
    }

    SafeHtml render(Markdown markdown) {
        String html = renderer.render(parser.parse(markdown.source()));
        return new SafeHtml(POLICY.sanitize(html).strip());
    }

    /**
     * Cleans HTML that came from another system's export (an import) with the allow-list new comments pass:
     * no script, event handler, style or {@code javascript:} link survives, and links get the same {@code rel}.
     */
    static SafeHtml clean(String untrustedHtml) {
        return new SafeHtml(IMPORTED.sanitize(untrustedHtml).strip());
    }

    private static HtmlPolicyBuilder policy() {
        return new HtmlPolicyBuilder()
                .allowElements("p", "br", "em", "strong", "del", "code", "pre", "blockquote", "ul", "ol", "li", "a", "hr")
                .allowUrlProtocols("http", "https", "mailto")
                .allowAttributes("href").matching(Pattern.compile(".+", Pattern.DOTALL)).onElements("a")
                .allowAttributes("start").matching(Pattern.compile("[0-9]{1,6}")).onElements("ol")
                .requireRelsOnLinks("nofollow", "ugc", "noopener", "noreferrer");
    }

    /** Renders images as links to their source and headings as bold paragraphs. */
    private static final class PlainImagesAndHeadings implements NodeRenderer {
        private final HtmlNodeRendererContext context;
        private final HtmlWriter html;

        PlainImagesAndHeadings(HtmlNodeRendererContext context) {
            this.context = context;
            this.html = context.getWriter();
        }

        @Override
        public Set<Class<? extends Node>> getNodeTypes() {
            return Set.of(Image.class, Heading.class);
        }

        @Override
        public void render(Node node) {
            if (node instanceof Image image) {
                String url = context.encodeUrl(image.getDestination());
                html.tag("a", java.util.Map.of("href", url));
                if (image.getFirstChild() == null) {
                    html.text(image.getDestination());
                }
                renderChildren(node);
                html.tag("/a");
            } else {
                html.line();
                html.tag("p");
                html.tag("strong");
                renderChildren(node);
                html.tag("/strong");
                html.tag("/p");
                html.line();
            }
        }

        private void renderChildren(Node parent) {
            for (Node child = parent.getFirstChild(); child != null; child = child.getNext()) {
                context.render(child);
            }
        }
    }
}
