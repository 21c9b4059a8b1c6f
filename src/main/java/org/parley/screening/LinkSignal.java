package org.parley.screening;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.parley.comments.Reason;
import org.parley.comments.Submission;
import org.parley.moderation.ModerationRules;

/** Links in a comment: noted for pre-moderation by links, flagged when there are many. Counted in the rendered HTML. */
final class LinkSignal implements Signal {

    static final String NAME = "links";

    @Override
    public String name() {
        return NAME;
    }
    private static final Pattern HREF = Pattern.compile("<a href=\"([^\"]*)\"");

    @Override
    public List<Reason> inspect(Submission submission, ModerationRules rules, Keep keep) {
        Matcher links = HREF.matcher(submission.html().html());
        List<String> targets = new ArrayList<>();
        while (links.find()) {
            targets.add(links.group(1).replace("&amp;", "&"));
        }
        if (targets.isEmpty()) {
            return List.of();
        }
        boolean many = targets.size() >= rules.linksToFlag();
        String summary = targets.size() + (targets.size() == 1 ? " link: " : " links: ")
                + String.join(", ", targets.subList(0, Math.min(3, targets.size()))) + (targets.size() > 3 ? ", …" : "");
        return List.of(new Reason(NAME, many ? Reason.Level.FLAG : Reason.Level.INFO,
                many ? "Many links (" + rules.linksToFlag() + " or more flag a comment); " + summary : summary, List.of()));
    }
}
