package org.parley.comments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** When an import leaves the index of comments by author out: when that saves more than building it again costs. */
class ArchivedThreadsTest {

    @Test
    void anImportBigAgainstWhatIsStoredLeavesTheAuthorIndexOutAndASmallOneKeepsIt() {
        assertThat(ArchivedThreads.leavesAuthorIndexOut(1_000_000, 0)).as("a million into an empty database").isTrue();
        assertThat(ArchivedThreads.leavesAuthorIndexOut(300_000, 1_000_000)).as("a third of what is stored").isTrue();
        assertThat(ArchivedThreads.leavesAuthorIndexOut(100_000, 1_000_000)).as("a tenth: rebuilding a million costs more")
                .isFalse();
        assertThat(ArchivedThreads.leavesAuthorIndexOut(10_000, 0)).as("a small file: seconds either way").isFalse();
    }
}
