package org.parley.comments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.http.ClientAddress;
import org.parley.http.EncodedBody;
import org.parley.http.FieldError;
import org.parley.http.Json;
import org.parley.http.JsonBudget;
import org.parley.http.JsonFields;
import org.parley.http.ParleyException;
import org.parley.http.RequestBodies;
import org.parley.http.RequestProblem;
import org.parley.http.Requests;
import org.parley.http.Responses;
import org.parley.identity.Block;
import org.parley.identity.ReaderId;
import org.parley.identity.Identity;
import org.parley.media.ImageId;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;

/** HTTP for threads, comments and votes, mounted under {@code /api/v1}. Handlers parse, call the door, send. */
final class CommentRoutes implements HttpService {

    private static final String JSON = "application/json";
    /** Bodies other than a comment's (votes, blocks, a page's details): short fields only. */
    private static final int MAX_BODY_BYTES = 256 * 1024;
    private static final int MAX_IMAGES_READ = 20;
    /**
     * A comment's fields beside its text, in characters: page, parent id (some 20), name, page title and URL,
     * and the images (ids of 64 characters) with their descriptions.
     */
    private static final int[] COMMENT_FIELDS = {PageKey.MAX_LENGTH, 64, CommentRules.MAX_NAME_LENGTH,
        CommentRules.MAX_TITLE_LENGTH, CommentRules.MAX_URL_LENGTH, MAX_IMAGES_READ * (64 + Attachments.MAX_ALT_LENGTH)};
    private static final int MAX_COUNT_KEYS = 100;
    /** More items than any site allows are refused while reading; the site's own limit is the door's to check. */

    private final Comments comments;
    private final Identity identity;
    private final LiveFeed liveFeed;
    private final Sites sites;
    private final CommentsConfig config;
    private final ObjectMapper mapper = Json.mapper();
    private final RequestBodies bodies = new RequestBodies(mapper, MAX_BODY_BYTES);

    CommentRoutes(Comments comments, Identity identity, LiveFeed liveFeed, Sites sites, CommentsConfig config) {
        this.comments = comments;
        this.identity = identity;
        this.liveFeed = liveFeed;
        this.sites = sites;
        this.config = config;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/sites/{site}/thread", this::thread)
                .get("/sites/{site}/live", this::live)
                .get("/sites/{site}/counts", this::counts)
                .get("/sites/{site}/my-votes", this::myVotes)
                .put("/sites/{site}/pages", this::upsertPage)
                .post("/sites/{site}/comments", this::post)
                .get("/sites/{site}/comments/{id}", this::comment)
                .patch("/sites/{site}/comments/{id}", this::edit)
                .delete("/sites/{site}/comments/{id}", this::delete)
                .get("/sites/{site}/comments/{id}/replies", this::replies)
                .put("/sites/{site}/comments/{id}/vote", this::vote)
                .get("/sites/{site}/blocks", this::blockList)
                .post("/sites/{site}/blocks", this::block)
                .delete("/sites/{site}/blocks/{guest}", this::unblock);
    }

    // GET /sites/{site}/thread?page=KEY&sort=best|newest|oldest|controversial&after=CURSOR&limit=20
    private void thread(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        PageKey key = pageKey(Requests.requiredQuery(req, "page"), "page");
        Sort sort = sort(req);
        int limit = Requests.intQuery(req, "limit", 1, CommentsConfig.MAX_PAGE_SIZE, config.pageSizeDefault());
        ThreadReads.Body body = comments.threadBody(site, key, sort, Requests.query(req, "after"), limit, viewer(req),
                page -> EncodedBody.of(ThreadJson.threadPage(page), JSON));
        Responses.send(req, res, body.body(), body.personal() ? "private, no-cache" : "no-cache");
    }

    // GET /sites/{site}/comments/{id}/replies?after=CURSOR&limit=20
    private void replies(ServerRequest req, ServerResponse res) {
        int limit = Requests.intQuery(req, "limit", 1, CommentsConfig.MAX_PAGE_SIZE, config.pageSizeDefault());
        ReplyPage page = comments.replies(site(req), commentId(req), Requests.query(req, "after"), limit, viewer(req));
        Responses.send(req, res, EncodedBody.of(ThreadJson.replyPage(page), JSON), "no-cache");
    }

    // GET /sites/{site}/comments/{id} → the comment with its markdown source; with the author's token, also their held one
    private void comment(ServerRequest req, ServerResponse res) {
        Optional<ReaderId> viewer = viewer(req);
        CommentWithSource found = comments.comment(site(req), commentId(req), viewer);
        if (viewer.isPresent()) {
            res.header(HeaderNames.CACHE_CONTROL, "private, no-store");
        }
        sendJson(res, Status.OK_200, ThreadJson.comment(found.comment(), Optional.of(found.source())));
    }

    // POST /sites/{site}/comments {page, parentId?, body, name?, pageTitle?, pageUrl?, images?: [{id, alt?}]} → 201 comment
    private void post(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        ReaderId author = identity.requireWriter(site, Requests.bearer(req));
        JsonFields fields = new JsonFields(commentBodies(site).object(req),
                Set.of("page", "parentId", "body", "name", "pageTitle", "pageUrl", "images"));
        String page = fields.requiredString("page");
        Optional<String> parent = fields.optionalString("parentId");
        String body = fields.optionalString("body").orElse("");
        List<NewImage> images = images(fields);
        Optional<String> name = fields.optionalString("name");
        Optional<String> title = fields.optionalString("pageTitle");
        Optional<String> url = fields.optionalString("pageUrl");
        if (!fields.hasError("page") && !PageKey.isValid(page)) {
            fields.reject("page", "must be 1-" + PageKey.MAX_LENGTH + " characters without control characters");
        }
        parent.filter(id -> !CommentId.isValid(id)).ifPresent(id -> fields.reject("parentId", "is not a comment id"));
        fields.done();
        Comment posted = comments.post(author, new NewComment(site, new PageKey(page), parent.map(CommentId::new),
                new Markdown(body), name, title, url, ClientAddress.of(req), images));
        res.header(HeaderNames.LOCATION, "/api/v1/sites/" + site + "/comments/" + posted.id());
        sendJson(res, Status.CREATED_201, ThreadJson.comment(posted, Optional.empty()));
    }

    /**
     * Reads a comment's body: as large as the longest text the site accepts needs in the most roundabout JSON
     * a client may send (every character escaped), so no comment the site accepts is refused for its size.
     */
    private RequestBodies commentBodies(SiteId site) {
        int[] texts = java.util.Arrays.copyOf(COMMENT_FIELDS, COMMENT_FIELDS.length + 1);
        texts[COMMENT_FIELDS.length] = sites.require(site.value()).maxCommentLength();
        return new RequestBodies(mapper, JsonBudget.forTexts(texts));
    }

    /** The images field: uploaded image ids with optional alt text; shapes checked here, the rest by the door. */
    private static List<NewImage> images(JsonFields fields) {
        List<NewImage> images = new ArrayList<>();
        for (JsonFields image : fields.optionalObjects("images", Set.of("id", "alt"), MAX_IMAGES_READ)) {
            String id = image.requiredString("id");
            String alt = image.optionalString("alt").orElse("");
            if (!image.hasError("id") && !ImageId.isValid(id)) {
                image.reject("id", "is not an image id (64 hexadecimal characters, as an upload returned)");
            } else if (!image.hasError("id")) {
                images.add(new NewImage(new ImageId(id), alt));
            }
        }
        return images;
    }

    // PATCH /sites/{site}/comments/{id} {body} → 200 comment, screened like a new one (status pending when held)
    private void edit(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        CommentId id = commentId(req);
        ReaderId author = identity.requireWriter(site, Requests.bearer(req));
        JsonFields fields = new JsonFields(commentBodies(site).object(req), Set.of("body"));
        String body = fields.requiredString("body");
        fields.done();
        sendOutcome(res, comments.edit(site, author, id, new Markdown(body), ClientAddress.of(req)));
    }

    // DELETE /sites/{site}/comments/{id} → 204
    private void delete(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        CommentId id = commentId(req);
        sendOutcome(res, comments.delete(site, identity.requireReader(Requests.bearer(req)), id));
    }

    // PUT /sites/{site}/comments/{id}/vote {value: 1|0|-1} → {id, up, down, myVote}
    private void vote(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        CommentId id = commentId(req);
        ReaderId voter = identity.requireWriter(site, Requests.bearer(req));
        JsonFields fields = new JsonFields(bodies.object(req), Set.of("value"));
        int value = fields.requiredInt("value", -1, 1);
        fields.done();
        VoteTally tally = comments.vote(site, voter, id, value, ClientAddress.of(req));
        sendJson(res, Status.OK_200, ThreadJson.votes(tally.id(), tally.up(), tally.down(), Optional.of(tally.myVote())));
    }

    // GET /sites/{site}/my-votes?page=KEY → {votes: {commentId: 1|-1}}
    private void myVotes(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        PageKey key = pageKey(Requests.requiredQuery(req, "page"), "page");
        ReaderId voter = identity.requireReader(Requests.bearer(req));
        res.header(HeaderNames.CACHE_CONTROL, "private, no-store");
        sendJson(res, Status.OK_200, ThreadJson.myVotes(comments.myVotes(site, voter, key)));
    }

    // GET /sites/{site}/counts?page=a&page=b → {counts: {a: 3, b: 0}}; with a guest token, less their blocked commenters' comments
    private void counts(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        List<String> raw = req.query().all("page", List::of);
        if (raw.isEmpty() || raw.size() > MAX_COUNT_KEYS) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER,
                    "Give 1 to " + MAX_COUNT_KEYS + " 'page' parameters, one per page key; got " + raw.size() + ".",
                    List.of(new FieldError("page", "must be given 1 to " + MAX_COUNT_KEYS + " times")));
        }
        List<PageKey> keys = new ArrayList<>(new HashSet<>(raw).stream().map(k -> pageKey(k, "page")).toList());
        Optional<ReaderId> viewer = viewer(req);
        Responses.send(req, res, EncodedBody.of(ThreadJson.counts(comments.counts(site, keys, viewer)), JSON),
                viewer.isPresent() ? "private, no-cache" : "public, max-age=30");
    }

    // PUT /sites/{site}/pages?key=KEY {title?, url?, byline?, section?, publishedAt?, open?} with the site secret
    private void upsertPage(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        PageKey key = pageKey(Requests.requiredQuery(req, "key"), "key");
        sites.requireSecret(sites.require(site.value()), Requests.bearer(req));
        ObjectNode json = bodies.object(req);
        JsonFields fields = new JsonFields(json, Set.of("title", "url", "byline", "section", "publishedAt", "open"));
        Set<String> clear = new HashSet<>();
        json.fieldNames().forEachRemaining(name -> {
            if (json.get(name).isNull()) {
                clear.add(name);
            }
        });
        Optional<String> title = fields.optionalString("title");
        Optional<String> url = fields.optionalString("url");
        Optional<String> byline = fields.optionalString("byline");
        Optional<String> section = fields.optionalString("section");
        Optional<Instant> published = fields.optionalString("publishedAt").flatMap(text -> instant(text, fields));
        Optional<Boolean> open = fields.optionalBoolean("open");
        if (clear.contains("open")) {
            fields.reject("open", "must be true or false");
        }
        fields.done();
        Page page = comments.upsertPage(site, key, new PageMeta(title, url, byline, section, published, open, clear));
        sendJson(res, Status.OK_200, ThreadJson.page(page));
    }

    // GET /sites/{site}/live?page=KEY[&since=VERSION][&viewer=TICKET] → text/event-stream; resumes from Last-Event-ID.
    // With a ticket from the block list, comments of the reader's blocked commenters are left out.
    private void live(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        PageKey key = pageKey(Requests.requiredQuery(req, "page"), "page");
        sites.require(site.value());
        Set<ReaderId> hidden = Requests.query(req, "viewer").map(comments::liveViewer).map(identity::blocked).orElse(Set.of());
        Optional<Long> lastSeen = req.headers().first(HeaderNames.create("Last-Event-ID")).or(() -> Requests.query(req, "since"))
                .map(CommentRoutes::sequence);
        liveFeed.refuseIfFull();
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header("X-Accel-Buffering", "no");
        liveFeed.serve(site, key, lastSeen, hidden, res.outputStream());
    }

    // POST /sites/{site}/blocks {commentId} → 201 {id, name, since}: never see that comment's author again
    private void block(ServerRequest req, ServerResponse res) {
        SiteId site = site(req);
        ReaderId blocker = identity.requireReader(Requests.bearer(req));
        JsonFields fields = new JsonFields(bodies.object(req), Set.of("commentId"));
        String raw = fields.requiredString("commentId");
        if (!fields.hasError("commentId") && !CommentId.isValid(raw)) {
            fields.reject("commentId", "is not a comment id");
        }
        fields.done();
        Author author = comments.comment(site, new CommentId(raw)).comment().author().orElseThrow();
        identity.block(blocker, author.id(), author.name(), site, identity.voice(blocker, ClientAddress.of(req)));
        Block block = identity.blockList(blocker).stream().filter(b -> b.blocked().equals(author.id())).findFirst().orElseThrow();
        sendJson(res, Status.CREATED_201, ThreadJson.block(block));
    }

    // GET /sites/{site}/blocks → {blocks: [{id, name, since}]}: the reader's block list, newest first
    private void blockList(ServerRequest req, ServerResponse res) {
        sites.require(site(req).value());
        ReaderId blocker = identity.requireReader(Requests.bearer(req));
        res.header(HeaderNames.CACHE_CONTROL, "private, no-store");
        sendJson(res, Status.OK_200, ThreadJson.blocks(identity.blockList(blocker), comments.liveTicket(blocker)));
    }

    // DELETE /sites/{site}/blocks/{guest} → 204: see that reader's comments again
    private void unblock(ServerRequest req, ServerResponse res) {
        sites.require(site(req).value());
        ReaderId blocker = identity.requireReader(Requests.bearer(req));
        String raw = req.path().pathParameters().get("guest");
        if (!org.parley.store.Ids.looksLike("g", raw)) {
            throw new ParleyException.NotFound(CommentProblem.NOT_BLOCKED, "'" + raw + "' is not on your block list.");
        }
        if (!identity.unblock(blocker, new ReaderId(raw))) {
            throw new ParleyException.NotFound(CommentProblem.NOT_BLOCKED, "'" + raw + "' is not on your block list.");
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private void sendOutcome(ServerResponse res, EditOutcome outcome) {
        switch (outcome) {
            case EditOutcome.Edited edited -> sendJson(res, Status.OK_200, ThreadJson.comment(edited.comment(), Optional.empty()));
            case EditOutcome.Removed removed -> res.status(Status.NO_CONTENT_204).send();
            case EditOutcome.WindowClosed closed -> throw new ParleyException.Conflict(CommentProblem.EDIT_WINDOW_CLOSED,
                    "Comment " + closed.id() + " could be changed until " + closed.closedAt() + "; that time has passed.");
            case EditOutcome.NotYours notYours -> throw new ParleyException.Forbidden(CommentProblem.NOT_YOUR_COMMENT,
                    "Comment " + notYours.id() + " was written by someone else; you can only change your own comments.");
        }
    }

    private static void sendJson(ServerResponse res, Status status, byte[] json) {
        res.status(status).header(HeaderNames.CONTENT_TYPE, JSON).send(json);
    }

    /** The reader a read is for: whoever the bearer token names; an unknown token reads anonymously. */
    private Optional<ReaderId> viewer(ServerRequest req) {
        return Requests.bearer(req).flatMap(identity::authenticate);
    }

    private static SiteId site(ServerRequest req) {
        String raw = req.path().pathParameters().get("site");
        if (!SiteId.isValid(raw)) {
            throw new ParleyException.NotFound(org.parley.sites.SiteProblem.UNKNOWN_SITE, "There is no site '" + raw + "'.");
        }
        return new SiteId(raw);
    }

    private static CommentId commentId(ServerRequest req) {
        String raw = req.path().pathParameters().get("id");
        if (!CommentId.isValid(raw)) {
            throw new ParleyException.NotFound(CommentProblem.UNKNOWN_COMMENT, "There is no comment '" + raw + "'.");
        }
        return new CommentId(raw);
    }

    private static PageKey pageKey(String raw, String parameter) {
        if (!PageKey.isValid(raw)) {
            throw new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER,
                    "Parameter '" + parameter + "' must be a page key of 1-" + PageKey.MAX_LENGTH + " characters without control characters.",
                    List.of(new FieldError(parameter, "is not a valid page key")));
        }
        return new PageKey(raw);
    }

    private static Sort sort(ServerRequest req) {
        Optional<String> raw = Requests.query(req, "sort");
        return raw.map(value -> Sort.parse(value).orElseThrow(() -> new ParleyException.InvalidInput(CommentProblem.INVALID_SORT,
                        "Sort '" + value + "' is unknown; use best, newest, oldest or controversial.",
                        List.of(new FieldError("sort", "must be best, newest, oldest or controversial")))))
                .orElse(Sort.BEST);
    }

    private static Optional<Instant> instant(String text, JsonFields fields) {
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            fields.reject("publishedAt", "must be an ISO-8601 UTC time such as 2026-11-25T09:30:00Z");
            return Optional.empty();
        }
    }

    private static long sequence(String text) {
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new ParleyException.InvalidInput(RequestProblem.INVALID_PARAMETER,
                "Last-Event-ID or 'since' must be a version number from this stream, was '" + text + "'.");
    }
}
