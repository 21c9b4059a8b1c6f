package org.parley.staff;

/** What a sign-in attempt came to. Too many failures are not an outcome but a rate-limit problem. */
sealed interface LoginOutcome {

    /** The password matched: a new session, and the token for its cookie (shown only now). */
    record SignedIn(Session session, String token) implements LoginOutcome {
        @Override
        public String toString() {
            return "SignedIn[" + session + "]";
        }
    }

    /** Wrong username, wrong password or disabled account; deliberately not told apart. */
    record Refused() implements LoginOutcome {
    }
}
