package org.parley.privacy;

import io.helidon.webserver.http.HttpService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.comments.Comments;
import org.parley.http.ParleyException;
import org.parley.identity.Account;
import org.parley.identity.Identity;
import java.util.Optional;
import org.parley.identity.ReaderId;
import org.parley.moderation.Moderation;
import org.parley.sites.SiteId;
import org.parley.staff.Staff;
import org.parley.staff.StaffUser;
import org.parley.sites.Sites;

/**
 * The privacy feature's door: what a reader may ask of their own data (GDPR articles 15, 17 and 20) — a copy of it,
 * to leave, and to bring the comments they wrote as a guest to the account they signed in to. Thread-safe.
 */
public final class Privacy {

    private final Clock clock;
    private final Sites sites;
    private final Identity identity;
    private final Comments comments;
    private final DataHolders holders;
    private final Staff staff;
    private final Moderation moderation;

    private Privacy(Clock clock, Sites sites, Identity identity, Comments comments, DataHolders holders, Staff staff, Moderation moderation) {
        this.clock = clock;
        this.sites = sites;
        this.identity = identity;
        this.comments = comments;
        this.holders = holders;
        this.staff = staff;
        this.moderation = moderation;
    }

    /** A reader's own data; admins act for a reader through {@code staff}'s sessions, audited by {@code moderation}. */
    public static Privacy create(Clock clock, Sites sites, Identity identity, Comments comments, DataHolders holders, Staff staff,
                                 Moderation moderation) {
        return new Privacy(clock, sites, identity, comments, holders, staff, moderation);
    }

    /** {@link #export} for an admin acting on a reader's request, recorded in the audit log with their reason. */
    public Map<String, Object> exportFor(StaffUser admin, SiteId site, ReaderId reader, String reason) {
        requireAdmin(admin);
        moderation.recordAudit(admin, site, "reader-export", "reader", reader.value(), Optional.of(reason), Optional.empty(), Optional.empty());
        return export(reader);
    }

    /** {@link #leave} for an admin acting on a reader's request, recorded in the audit log with their reason. */
    public int leaveFor(StaffUser admin, SiteId site, ReaderId reader, LeaveMode mode, String reason) {
        requireAdmin(admin);
        int comments = leave(reader, mode);
        moderation.recordAudit(admin, site, "reader-delete", "reader", reader.value(), Optional.of(reason), Optional.empty(),
                Optional.of("{\"comments\":\"" + mode.name().toLowerCase(java.util.Locale.ROOT) + "\",\"count\":" + comments + "}"));
        return comments;
    }

    private static void requireAdmin(StaffUser who) {
        if (!who.isAdmin()) {
            throw new ParleyException.Forbidden(PrivacyProblem.ADMINS_ONLY, "Only an admin may export or delete a reader's data.");
        }
    }

    /** Everything Parley holds about {@code reader}, as one JSON-ready document. */
    public Map<String, Object> export(ReaderId reader) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("format", "parley-reader-data/1");
        out.put("exportedAt", clock.instant().toString());
        out.putAll(identity.readerData(reader));
        out.putAll(comments.authorsData(reader));
        out.put("notifications", holders.notices().settings(reader));
        out.putAll(holders.logins().readerData(reader));
        return out;
    }

    /**
     * Forgets {@code reader} (account, sessions, guest token, blocks) after removing their comments or leaving them
     * unsigned; returns how many comments were removed or kept.
     */
    public int leave(ReaderId reader, LeaveMode mode) {
        // Comments first: if forgetting failed, the reader could sign in and try again; the other way round, their
        // comments would stay signed by an account no one can sign in to any more.
        int comments = mode == LeaveMode.REMOVE ? this.comments.removeAuthorsComments(reader)
                : this.comments.unsignAuthorsComments(reader, identity.newDepartedId());
        holders.notices().forget(reader);
        holders.logins().forgetReader(reader);
        holders.webhooks().forgetReader(reader);
        holders.imports().forgetReader(reader);
        identity.forget(reader, moderation.bannedAnywhere(reader, clock.instant()));
        return comments;
    }

    /**
     * Moves the comments of the guest whose token is {@code guestToken} (the same browser, before signing in) to
     * {@code reader}'s account; returns how many. 403 for a reader who is not signed in, 400 for a token that is no guest's.
     */
    public int claimGuestComments(ReaderId reader, String guestToken) {
        Account account = identity.account(reader).orElseThrow(() -> new ParleyException.Forbidden(PrivacyProblem.NOT_SIGNED_IN,
                "Only a signed-in reader can take a guest's comments to their account; sign in first."));
        ReaderId guest = identity.guestBehind(guestToken)
                .orElseThrow(() -> new ParleyException.InvalidInput(PrivacyProblem.NOT_A_GUEST_TOKEN,
                        "'guestToken' must be the guest token this browser kept before signing in."));
        return comments.moveGuestComments(guest, account.id(), account.displayName());
    }

    /** Routes for admins acting on a reader's request, to mount at the root (under {@code /admin}). */
    public HttpService adminRoutes() {
        return new PrivacyAdminRoutes(this, sites, staff);
    }

    /** Routes for a reader's own data, to mount under {@code /api/v1}. */
    public HttpService routes() {
        return new PrivacyRoutes(this, sites, identity);
    }
}
