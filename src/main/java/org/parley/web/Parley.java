package org.parley.web;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.comments.Comments;
import org.parley.demo.Demo;
import org.parley.desk.Desk;
import org.parley.identity.Identity;
import org.parley.live.EventBus;
import org.parley.live.LiveStreams;
import org.parley.mail.Mail;
import org.parley.media.Media;
import org.parley.moderation.Moderation;
import org.parley.notify.Notify;
import org.parley.screening.Screening;
import org.parley.logins.Logins;
import org.parley.sites.Sites;
import org.parley.staff.Staff;
import org.parley.staff.StaffConfig;
import org.parley.store.Database;
import org.parley.webhooks.Webhooks;

/**
 * The composition root: opens the store, builds each feature with the slice of configuration it needs,
 * wires their routes into one server and starts it. Everything Parley runs is created here, by hand.
 */
public final class Parley implements AutoCloseable {

    private final Database db;
    private final Sites sites;
    private final Identity identity;
    private final ReaderServices readers;
    private final Staff staff;
    private final Comments comments;
    private final Moderation moderation;
    private final ModerationServices judges;
    private final Webhooks webhooks;
    private final EventBus bus;
    private final LiveStreams streams;
    private final Meters meters;
    private final Housekeeping housekeeping;
    private final HttpServer http;

    private Parley(ParleyConfig config, Clock clock, boolean demo) {
        db = Database.serve(config.store());
        ModerationServices opened = null; // closed again if a later part fails to start
        try {
            sites = Sites.create(db, clock);
            staff = Staff.create(db, clock, StaffConfig.forPublicUrl(config.server().publicUrl()));
            identity = Identity.create(db, clock, sites, config.identity(), staff::namesOn);
            bus = EventBus.create(db);
            streams = LiveStreams.create(config.live().heartbeat(), config.live().clientQueueSize(), config.live().maxClients());
            AtomicReference<Comments> commentsDoor = new AtomicReference<>();
            judges = opened = ModerationServices.create(db, clock, config, bus, sites, identity, commentsDoor::get);
            moderation = judges.moderation();
            Screening screening = judges.screening();
            Media media = Media.create(db, clock, config.media());
            comments = Comments.create(db, clock, bus, streams, sites, identity, media, config.comments(), screening);
            commentsDoor.set(comments);
            webhooks = Webhooks.create(db, clock, bus, sites, staff, comments, moderation, config.webhooks());
            meters = Meters.of(db, bus, streams, comments, moderation);
            List<HttpService> pages = new ArrayList<>();
            pages.add(new StaticAssets(demo));
            pages.add(new HealthRoutes(db, judges.abuse())); // GET /health/live, /health/ready
            pages.add(new MetricsRoutes(meters, config.metrics())); // GET /metrics
            pages.add(staff.routes());
            pages.add(Desk.create(moderation, staff, sites, webhooks, org.parley.imports.Imports.create(db, clock, sites, identity, comments, moderation)).routes());
            pages.add(media.routes(identity, sites, moderation::refuseIfRestricted)); // POST /api/v1/sites/{site}/images, GET /media/…
            if (demo) {
                Demo newsroom = Demo.create(db, sites, identity, media, config.comments(), moderation, screening);
                newsroom.seed(config.server().ownOrigins(), config.server().publicUrl() + "/demo");
                pages.add(newsroom.routes());
            }
            readers = ReaderServices.create(db, clock, config, bus, sites, identity, comments, staff, moderation, webhooks);
            pages.addAll(readers.pages());
            List<HttpService> api = readers.routesWith(identity.routes(), comments.routes(), moderation.routes(staff), webhooks.routes());
            http = RouteLayout.serve(config, meters, sites, api, pages);
            housekeeping = new Housekeeping(db, clock, sites, comments, identity, readers, judges);
            webhooks.start(); // last: nothing after it can fail and leave its sender running
        } catch (RuntimeException e) {
            java.util.Optional.ofNullable(opened).ifPresent(ModerationServices::close);
            db.close();
            throw e;
        }
    }

    /** Starts Parley as configured; with {@code demo}, also sets up and serves the demo newsroom. */
    public static Parley start(ParleyConfig config, Clock clock, boolean demo) {
        return new Parley(config, clock, demo);
    }

    /** The port actually bound (useful when configured as 0). */
    public int port() {
        return http.port();
    }

    public Sites sites() {
        return sites;
    }

    public Identity identity() {
        return identity;
    }

    public Comments comments() {
        return comments;
    }

    public Staff staff() {
        return staff;
    }

    public Moderation moderation() {
        return moderation;
    }

    public Logins logins() {
        return readers.logins();
    }

    public Mail mail() {
        return readers.mail();
    }

    /** The notify feature (a method named {@code notify} would clash with {@link Object#notify()}). */
    public Notify notices() {
        return readers.notices();
    }

    public Webhooks webhooks() {
        return webhooks;
    }

    /** Stops accepting requests, ends live streams, closes the database. */
    @Override
    public void close() {
        housekeeping.close();
        webhooks.close();
        readers.close();
        streams.close();
        http.close();
        meters.close();
        bus.close();
        judges.close();
        db.close();
    }
}
