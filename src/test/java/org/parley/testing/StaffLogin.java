package org.parley.testing;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Signing a staff member in to the dashboard as a browser does, for tests that call staff routes. */
public final class StaffLogin {

    private static final java.util.regex.Pattern CSRF = java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private StaffLogin() {
    }

    /** The session cookie ({@code name=value}) of {@code username} signed in with {@code password}. */
    public static String cookie(Http http, String username, String password) {
        String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8);
        Http.Reply login = http.send("POST", "/admin/login", form.getBytes(StandardCharsets.UTF_8),
                "Content-Type", "application/x-www-form-urlencoded", "Origin", http.base());
        if (login.status() != 303) {
            throw new AssertionError("sign-in of " + username + " failed: " + login.status() + " " + login.text());
        }
        return login.header("Set-Cookie").orElseThrow().split(";", 2)[0];
    }

    /** The dashboard's form token for the session of {@code cookie}, as its pages carry it. */
    public static String csrf(Http http, String cookie) {
        java.util.regex.Matcher csrf = CSRF.matcher(http.get("/admin", "Cookie", cookie).text());
        if (!csrf.find()) {
            throw new AssertionError("no CSRF field on the dashboard for this session");
        }
        return csrf.group(1);
    }
}
