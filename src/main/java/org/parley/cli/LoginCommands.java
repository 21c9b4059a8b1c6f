package org.parley.cli;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.parley.identity.Identity;
import org.parley.identity.ReaderPolicy;
import org.parley.logins.Logins;
import org.parley.logins.LoginSettings;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;

/** {@code parley site sign-in}: who may write on a site and how its readers sign in. */
final class LoginCommands {

    static final Command COMMAND = new Command("site sign-in", "Show or change how a site's readers sign in and whether guests may"
            + " write; a flag left out keeps its value. 'none' turns a setting off.", Command.DatabaseUse.EXISTING_ONLY, List.of(
            Flag.required("id", "ID", "The site's id"),
            Flag.optional("guests", "yes|no", "Whether readers who have not signed in may comment and vote; default yes"),
            Flag.optional("realm", "NAME", "Sites with the same realm share reader accounts; default the site's id"),
            Flag.optional("sso-secret", "generate|none", "Accept tokens the newsroom signs with HS256 and a new secret, printed once"),
            Flag.optional("sso-jwks-url", "URL|none", "Accept RS256/ES256 tokens signed by the keys published at URL"),
            Flag.optional("sso-issuer", "ISS|none", "The 'iss' claim tokens must carry"),
            Flag.optional("sso-audience", "AUD", "The 'aud' claim tokens must carry; default the site's id"),
            Flag.optional("sso-login-url", "URL|none", "The newsroom's sign-in page, where the widget's 'Sign in' goes"),
            Flag.optional("email-links", "yes|no", "Whether readers may sign in with a link sent by email"),
            Flag.optional("passkeys", "yes|no", "Whether readers may sign in with a passkey")));

    private final Terminal terminal;

    LoginCommands(Terminal terminal) {
        this.terminal = terminal;
    }

    void run(Args args, Database db, String publicUrl) {
        Clock clock = Clock.systemUTC();
        Sites sites = Sites.create(db, clock);
        SiteId site = SiteCommands.siteId(args.required("id"));
        sites.find(site).orElseThrow(() -> new Args.UsageException("there is no site '" + site + "'; create it with 'parley site save'"));
        Identity identity = Identity.create(db, clock, sites);
        Logins logins = Logins.create(db, clock, sites, identity, publicUrl);
        ReaderPolicy policy = identity.policy(site);
        LoginSettings was = logins.settings(site);
        Optional<String> newSecret = args.flag("sso-secret").filter("generate"::equals).map(s -> db.ids().secret());
        // Both settings are built before either is saved, so a mistake in one flag changes nothing.
        ReaderPolicy newPolicy;
        LoginSettings newSettings;
        try {
            newPolicy = new ReaderPolicy(args.flag("realm").orElse(policy.realm()), yesNo(args, "guests").orElse(policy.guestsMayWrite()));
            newSettings = new LoginSettings(
                    newSecret.isPresent() ? newSecret : settingOrNone(args, "sso-secret", was.ssoSecret(), LoginCommands::refuseSecret),
                    settingOrNone(args, "sso-jwks-url", was.ssoJwksUrl(), LoginCommands::url),
                    settingOrNone(args, "sso-issuer", was.ssoIssuer(), Function.identity()),
                    args.flag("sso-audience").orElse(was.ssoAudience()),
                    settingOrNone(args, "sso-login-url", was.ssoLoginUrl(), LoginCommands::url),
                    yesNo(args, "email-links").orElse(was.emailLinks()),
                    yesNo(args, "passkeys").orElse(was.passkeys()));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
        identity.setPolicy(site, newPolicy);
        logins.save(site, newSettings);
        print(site, identity.policy(site), logins.settings(site));
        newSecret.ifPresent(secret -> terminal.out().println("sso secret: " + secret
                + "   (shown once; the newsroom's login signs reader tokens with it, HS256)"));
    }

    private void print(SiteId site, ReaderPolicy policy, LoginSettings settings) {
        terminal.out().println(site + "  guests may write: " + (policy.guestsMayWrite() ? "yes" : "no") + "  realm: " + policy.realm());
        terminal.out().println("  sso: " + (settings.sso() ? "on" : "off")
                + settings.ssoSecret().map(s -> "  hs256 secret set").orElse("")
                + settings.ssoJwksUrl().map(u -> "  jwks: " + u).orElse("")
                + settings.ssoIssuer().map(i -> "  issuer: " + i).orElse("")
                + "  audience: " + settings.ssoAudience()
                + settings.ssoLoginUrl().map(u -> "  login page: " + u).orElse(""));
        terminal.out().println("  email links: " + (settings.emailLinks() ? "on" : "off") + "  passkeys: " + (settings.passkeys() ? "on" : "off"));
    }

    private static <T> Optional<T> settingOrNone(Args args, String flag, Optional<T> current, Function<String, T> parse) {
        Optional<String> given = args.flag(flag);
        if (given.isEmpty()) {
            return current;
        }
        return given.get().equals("none") ? Optional.empty() : Optional.of(parse.apply(given.get()));
    }

    private static Optional<Boolean> yesNo(Args args, String flag) {
        return args.flag(flag).map(value -> switch (value) {
            case "yes" -> true;
            case "no" -> false;
            default -> throw new Args.UsageException("--" + flag + " takes yes or no, was '" + value + "'");
        });
    }

    private static URI url(String value) {
        try {
            return URI.create(value);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("not a URL: '" + value + "'");
        }
    }

    private static String refuseSecret(String value) {
        throw new Args.UsageException("--sso-secret takes 'generate' (Parley makes a secret and prints it once) or 'none'");
    }
}
