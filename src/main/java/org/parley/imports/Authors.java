package org.parley.imports;

import java.text.Normalizer;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.parley.identity.Account;
import org.parley.identity.Identity;
import org.parley.identity.ReaderId;
import org.parley.sites.SiteId;
import org.parley.store.Ids;

/**
 * Who wrote each imported comment in Parley: the account of the site's realm whose verified email is the author's,
 * else a guest made for the author (one per email, else per user name, else per shown name), remembered in
 * {@code import_sources} so every comment of one author, in this import and the next, has one reader id. Emails are
 * compared and remembered only as digests; none is written anywhere. {@link #prepare} may run on another thread than
 * the rest (the one reading the export ahead of the writer); the rest on one thread at a time.
 */
final class Authors {

    private static final int MAX_NAME_LENGTH = 64;
    private static final int MAX_CACHED = 50_000;
    private static final String SUFFIX = " (imported)";

    /** An author as Parley shows them: who, under which name. */
    record Resolved(ReaderId id, Optional<String> name) {
    }

    private final Identity identity;
    private final ImportRepository repository;
    private final SiteId site;
    private final String source;
    /** Authors known to be stored, by key: only those whose page committed. */
    private final Map<String, ReaderId> known = bounded();
    /** Authors met in the page being written, kept once it commits. */
    private final Map<String, ReaderId> pending = new HashMap<>();
    private final Set<String> renamed = new HashSet<>();
    /**
     * Each author of the import as worked out from the export's fields, with what the site's accounts say of them (a
     * digest, Unicode normalization, two lookups): once per author, on the read-ahead thread ({@link #prepare}), not
     * for each of their comments on the writing one. Emptied when it grows past {@value #MAX_CACHED}: it is only
     * ever worked out again.
     */
    private final Map<Given, Who> authors = new ConcurrentHashMap<>();

    /** An author as the export gives them. */
    private record Given(Optional<String> email, Optional<String> user, Optional<String> name) {

        static Given of(SourceComment comment) {
            return new Given(comment.authorEmail(), comment.authorUser(), comment.authorName());
        }
    }

    /**
     * An author as this import knows them: the key they are remembered by, their email, their clean name, the account
     * of the site's realm that verified that email, and whether an account or staff member shows a name like theirs.
     */
    private record Who(String key, Optional<String> email, Optional<String> name, Optional<ReaderId> account, boolean nameHeld) {
    }

    Authors(Identity identity, ImportRepository repository, SiteId site, String source) {
        this.identity = identity;
        this.repository = repository;
        this.site = site;
        this.source = source;
    }

    /**
     * Works out the authors of {@code comments} ahead of {@link #resolve}: meant for the thread that reads the export,
     * so the one that writes finds them ready. Writes nothing.
     */
    void prepare(java.util.List<SourceComment> comments) {
        comments.forEach(comment -> who(Given.of(comment)));
    }

    /** The reader behind {@code comment} and the name it shows, made (inside the caller's write) when new. */
    Resolved resolve(Handle h, SourceComment comment, Instant now, Consumer<String> warn) {
        Who who = who(Given.of(comment));
        String key = who.key();
        ReaderId id = Optional.ofNullable(pending.get(key)).or(() -> Optional.ofNullable(known.get(key)))
                // A reader who left Parley since an earlier import is gone: their next comments get a new guest.
                .or(() -> repository.find(h, site, source, "author", key).map(ReaderId::new).filter(known -> identity.since(known).isPresent()))
                .orElseGet(() -> {
                    ReaderId made = who.account().orElseGet(() -> identity.createGuest().id());
                    repository.replace(h, site, source, "author", key, made.value(), now);
                    return made;
                });
        pending.put(key, id);
        Optional<String> name = who.name();
        if (id.isAccount()) {
            return new Resolved(id, identity.account(id).map(Account::displayName).or(() -> name));
        }
        if (who.nameHeld()) {
            String shown = name.get().substring(0, name.get().offsetByCodePoints(0,
                    Math.min(name.get().codePointCount(0, name.get().length()), MAX_NAME_LENGTH - SUFFIX.length()))) + SUFFIX;
            if (renamed.add(key)) {
                warn.accept("line " + comment.line() + ": author '" + name.get() + "' looks like the name of an account or staff"
                        + " member of the site; their comments show '" + shown + "'");
            }
            return new Resolved(id, Optional.of(shown));
        }
        return new Resolved(id, name);
    }

    private Who who(Given given) {
        Who who = authors.get(given);
        if (who == null) {
            who = lookUp(given);
            if (authors.size() >= MAX_CACHED) {
                authors.clear();
            }
            authors.put(given, who);
        }
        return who;
    }

    private Who lookUp(Given given) {
        Optional<String> email = given.email().map(e -> e.strip().toLowerCase(Locale.ROOT)).filter(e -> e.contains("@"));
        Optional<String> name = given.name().flatMap(Authors::clean);
        String key = email.map(e -> "email:" + Ids.digest(e))
                .or(() -> given.user().map(u -> "user:" + Ids.digest(u)))
                .or(() -> name.map(n -> "name:" + Ids.digest(n.toLowerCase(Locale.ROOT))))
                .orElse("anonymous");
        return new Who(key, email, name, email.flatMap(e -> identity.accountWithVerifiedEmail(site, e)),
                name.isPresent() && identity.nameHeld(site, name.get()));
    }

    /** A map that forgets what it used longest ago once it holds {@value #MAX_CACHED} entries. */
    private static <K, V> Map<K, V> bounded() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > MAX_CACHED;
            }
        };
    }

    /** The page being written committed: its authors are stored. */
    void committed() {
        known.putAll(pending);
        pending.clear();
    }

    /** The page being written rolled back: guests made for it are gone. */
    void rolledBack() {
        pending.clear();
    }

    /**
     * A name as a comment shows it: Unicode normalized, whitespace collapsed, control and invisible characters
     * (which can fake another name) dropped, at most {@value #MAX_NAME_LENGTH} characters; empty when nothing is left.
     */
    static Optional<String> clean(String raw) {
        StringBuilder out = new StringBuilder();
        Normalizer.normalize(raw, Normalizer.Form.NFC).codePoints()
                .filter(c -> !Character.isISOControl(c) || Character.isWhitespace(c))
                .filter(c -> Character.getType(c) != Character.FORMAT)
                .forEach(out::appendCodePoint);
        String name = out.toString().strip().replaceAll("\\s+", " ");
        if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
            name = name.substring(0, name.offsetByCodePoints(0, MAX_NAME_LENGTH)).strip();
        }
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }
}
