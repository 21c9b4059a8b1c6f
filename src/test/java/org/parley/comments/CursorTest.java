package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.http.ParleyException;

class CursorTest {

    @Test
    void aCursorSurvivesTheRoundTripExactly() {
        Cursor cursor = new Cursor('t', Sort.BEST, 0.20654329147389294, 1_700_000_000_123L, "c_01hx3k9q2v8m4t7wa");
        assertThat(Cursor.decode(cursor.encode(), 't')).isEqualTo(cursor);
    }

    @Test
    void aRepliesCursorIsNotAcceptedForTopLevelComments() {
        String replies = Cursor.FIRST_REPLY.encode();
        assertThatThrownBy(() -> Cursor.decode(replies, 't'))
                .isInstanceOf(ParleyException.InvalidInput.class)
                .satisfies(e -> assertThat(((ParleyException) e).type()).isEqualTo(CommentProblem.INVALID_CURSOR));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64!", "dGhpcyBpcyBub3QgYSBjdXJzb3I", "%%%"})
    void madeUpCursorsAreRejectedWithAClearProblem(String text) {
        assertThatThrownBy(() -> Cursor.decode(text, 't'))
                .isInstanceOf(ParleyException.InvalidInput.class)
                .hasMessageContaining("use the 'next' value");
    }

    @Test
    void aTamperedCursorWithAnInjectedIdIsRejected() {
        String raw = "t|best|0.5|1700000000000|c_1' OR 1=1 --";
        String forged = Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> Cursor.decode(forged, 't')).isInstanceOf(ParleyException.InvalidInput.class);
    }
}
