package org.parley.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.parley.http.ParleyException;
import org.parley.identity.Identity;
import org.parley.logins.Logins;
import org.parley.logins.OidcProvider;
import org.parley.sites.SiteId;
import org.parley.sites.Sites;
import org.parley.store.Database;

/** {@code parley site oidc}: the OpenID Connect providers a site's readers may sign in with. */
final class OidcCommands {

    static final Command COMMAND = new Command("site oidc", "List a site's OpenID Connect providers, add one or remove one, and"
            + " show the redirect URI to register at them. The client secret of a provider added is read from the first line of"
            + " standard input (or prompted for), never a flag.", Command.DatabaseUse.EXISTING_ONLY, List.of(
            Flag.required("id", "ID", "The site's id"),
            Flag.optional("add", "PROVIDER", "Add a provider with this id (1-40 lowercase letters, digits or dashes), as the"
                    + " flags below describe"),
            Flag.optional("remove", "PROVIDER", "Remove the provider with this id; sessions it opened stay open"),
            Flag.optional("label", "TEXT", "With --add: what the widget's button says, like Google"),
            Flag.optional("issuer", "URL", "With --add: the provider's issuer URL, exactly as its discovery document"
                    + " (URL/.well-known/openid-configuration) states it"),
            Flag.optional("client-id", "ID", "With --add: the client id the provider gave the site"),
            Flag.optional("scopes", "SCOPES", "With --add: scopes asked for, space-separated; default '" + OidcProvider.DEFAULT_SCOPES + "'")));

    private static final List<String> ADD_ONLY = List.of("label", "issuer", "client-id", "scopes");

    private final Terminal terminal;

    OidcCommands(Terminal terminal) {
        this.terminal = terminal;
    }

    void run(Args args, Database db, String publicUrl) {
        Clock clock = Clock.systemUTC();
        Sites sites = Sites.create(db, clock);
        SiteId site = SiteCommands.siteId(args.required("id"));
        sites.find(site).orElseThrow(() -> new Args.UsageException("there is no site '" + site + "'; create it with 'parley site save'"));
        Logins logins = Logins.create(db, clock, sites, Identity.create(db, clock, sites), publicUrl);
        Optional<String> add = args.flag("add");
        Optional<String> remove = args.flag("remove");
        if (add.isPresent() && remove.isPresent()) {
            throw new Args.UsageException("give --add or --remove, not both");
        }
        if (add.isEmpty()) {
            ADD_ONLY.stream().filter(flag -> args.flag(flag).isPresent()).findFirst().ifPresent(flag -> {
                throw new Args.UsageException("--" + flag + " describes a provider to add; give it with --add PROVIDER");
            });
        }
        if (add.isPresent()) {
            OidcProvider provider = provider(args, add.get());
            try {
                logins.addOidcProvider(site, provider);
            } catch (ParleyException.Conflict e) {
                throw new Args.UsageException(e.detail());
            }
        }
        if (remove.isPresent() && !logins.removeOidcProvider(site, remove.get())) {
            throw new Args.UsageException("site '" + site + "' has no OpenID provider '" + remove.get() + "'");
        }
        print(site, logins);
    }

    private OidcProvider provider(Args args, String id) {
        String label = args.flag("label").orElseThrow(() -> new Args.UsageException("--add needs --label, the button's text"));
        String issuer = args.flag("issuer").orElseThrow(() -> new Args.UsageException("--add needs --issuer, the provider's issuer URL"));
        String clientId = args.flag("client-id").orElseThrow(() -> new Args.UsageException("--add needs --client-id"));
        try {
            // Kept exactly as typed: the discovery document must state the same issuer, trailing slash and all (Auth0 has one).
            URI issuerUrl = URI.create(issuer);
            // Checked before the secret is asked for, so a typo costs no typing.
            new OidcProvider(id, label, issuerUrl, clientId, "unchecked", args.flag("scopes").orElse(OidcProvider.DEFAULT_SCOPES));
            return new OidcProvider(id, label, issuerUrl, clientId, secret(id), args.flag("scopes").orElse(OidcProvider.DEFAULT_SCOPES));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException(e.getMessage());
        }
    }

    private String secret(String id) {
        if (terminal.console() != null) {
            char[] typed = terminal.console().readPassword("Client secret for %s: ", id);
            return typed == null ? "" : new String(typed);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(terminal.in(), StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw new Args.UsageException("no client secret: type it at the prompt, or pipe it in as the first line of standard input");
            }
            return line.strip();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the client secret from standard input", e);
        }
    }

    private void print(SiteId site, Logins logins) {
        terminal.out().println(site + "  redirect URI to register at each provider: " + logins.oidcRedirectUri(site));
        List<OidcProvider> providers = logins.oidcProviders(site);
        if (providers.isEmpty()) {
            terminal.out().println("  no OpenID providers");
        }
        for (OidcProvider provider : providers) {
            terminal.out().println("  " + provider.id() + "  \"" + provider.label() + "\"  issuer: " + provider.issuer()
                    + "  client id: " + provider.clientId() + "  scopes: " + provider.scopes());
        }
    }
}
