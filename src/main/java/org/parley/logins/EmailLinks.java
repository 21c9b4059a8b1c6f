package org.parley.logins;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.parley.http.Allowances;
import org.parley.http.ParleyException;
import org.parley.identity.Identity;
import org.parley.identity.Login;
import org.parley.identity.SignedIn;
import org.parley.mail.EmailAddress;
import org.parley.mail.Mail;
import org.parley.mail.MailTemplate;
import org.parley.mail.OutgoingMail;
import org.parley.sites.Site;
import org.parley.store.Database;
import org.parley.store.Ids;

/**
 * Signing in with a link sent by email. The link leads back to the article the reader asked from, with the token in
 * its fragment (never sent to any server, so never in a log); the widget there redeems it once, within
 * {@link #LIFETIME}. Requests are limited per address and per network; the answer is the same whether or not the
 * address has an account, as a link simply makes one the first time. Thread-safe.
 */
final class EmailLinks {

    static final Duration LIFETIME = Duration.ofMinutes(20);
    /** Links one address may be sent: a few retries for a slow inbox, not a mail bomb. */
    static final Allowances.Limit PER_EMAIL = new Allowances.Limit(5, Duration.ofHours(1));
    /** Links one network may ask for: a newsroom's office behind one address signing in on a busy morning. */
    static final Allowances.Limit PER_NETWORK = new Allowances.Limit(30, Duration.ofHours(1));
    /** Where in the article's address the widget finds the token. */
    static final String FRAGMENT = "#parley-link=";
    private static final int MAX_NAME_LENGTH = 80;

    private final Database db;
    private final Clock clock;
    private final Identity identity;
    private final Optional<Mail> mail;
    private final EmailLinkRepository repository = new EmailLinkRepository();
    private final Allowances byEmail;
    private final Allowances byNetwork;

    EmailLinks(Database db, Clock clock, Identity identity, Optional<Mail> mail) {
        this.db = db;
        this.clock = clock;
        this.identity = identity;
        this.mail = mail;
        this.byEmail = Allowances.create(db, clock, "email-links", 100_000);
        this.byNetwork = Allowances.create(db, clock, "email-link-networks", 100_000);
    }

    boolean available() {
        return mail.map(Mail::enabled).orElse(false);
    }

    /** Sends {@code typed} a sign-in link back to {@code returnUrl}, a page of {@code site}; see the class comment. */
    void send(Site site, String typed, String returnUrl, Optional<String> name, String clientAddress) {
        EmailAddress to = EmailAddress.parse(typed, "email");
        URI back = pageOf(site, returnUrl);
        Optional<String> wanted = name.map(String::strip).filter(n -> !n.isEmpty());
        if (wanted.isPresent() && wanted.get().codePointCount(0, wanted.get().length()) > MAX_NAME_LENGTH) {
            throw new ParleyException.InvalidInput(LoginProblem.INVALID_SIGN_IN_REQUEST, "'name' must be at most " + MAX_NAME_LENGTH + " characters.");
        }
        if (!available()) {
            throw new ParleyException.Unavailable(LoginProblem.EMAIL_UNAVAILABLE,
                    "This server sends no email (no SMTP server is configured); sign in another way.", 3600);
        }
        byNetwork.takeForNetwork("email-links", clientAddress, PER_NETWORK).ifPresent(seconds -> {
            throw limited(seconds, "this network");
        });
        byEmail.take(Ids.digest(to.value().toLowerCase(java.util.Locale.ROOT)), PER_EMAIL).ifPresent(seconds -> {
            throw limited(seconds, "this address");
        });
        String token = db.ids().secret();
        Instant now = clock.instant();
        String link = back.toString().replaceAll("#.*$", "") + FRAGMENT + token;
        db.write(h -> {
            repository.insert(h, Ids.digest(token), site.id(), to.value(), wanted, now, now.plus(LIFETIME));
            mail.orElseThrow().enqueue(h, new OutgoingMail(to, MailTemplate.SIGN_IN_LINK, Map.of("siteName", site.name(),
                    "signInUrl", link, "validMinutes", String.valueOf(LIFETIME.toMinutes()))));
            return null;
        });
    }

    /** Signs in the reader a link was sent to; 401 for a link that is unknown, used, expired or another site's. */
    SignedIn redeem(Site site, String token) {
        EmailLinkRepository.Pending pending = db.write(h -> repository.use(h, Ids.digest(token.strip()), site.id(), clock.instant()))
                .orElseThrow(() -> new ParleyException.Forbidden(LoginProblem.EMAIL_LINK_INVALID,
                        "This sign-in link is not valid any more (used already, older than " + LIFETIME.toMinutes()
                                + " minutes, or for another site); ask for a new one."));
        // One account per address however it is capitalised; the name asked for names a new account only, and only
        // if no account of the site shows it already.
        String address = pending.email().toLowerCase(java.util.Locale.ROOT);
        Optional<String> name = pending.name().filter(n -> identity.accountFor(site.id(), "email", address).isEmpty()
                && !identity.nameHeld(site.id(), n));
        return identity.signIn(site.id(), new Login("email", address, name, Optional.of(address), true, Set.of(), false));
    }

    int forgetExpired() {
        return db.write(h -> repository.forgetBefore(h, clock.instant()));
    }

    /** {@code returnUrl} when it is a web page on one of the site's origins: the link must lead nowhere else. */
    private static URI pageOf(Site site, String returnUrl) {
        if (!site.allowsPage(returnUrl)) {
            throw new ParleyException.InvalidInput(LoginProblem.INVALID_SIGN_IN_REQUEST,
                    "'returnUrl' must be the address of a page of site '" + site.id() + "' (on one of its origins).");
        }
        return URI.create(returnUrl.strip());
    }

    private static ParleyException limited(long seconds, String what) {
        return new ParleyException.RateLimited(LoginProblem.TOO_MANY_SIGN_IN_LINKS,
                "Too many sign-in links asked for from " + what + "; try again in " + seconds + " seconds.", seconds);
    }
}
