package org.parley.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * What a piece of work allocates in large buffers, measured with Flight Recorder: every allocation of
 * {@link #THRESHOLD_BYTES} or more that the current thread makes while it runs, summed as if all were alive
 * at once (an upper bound on the heap those buffers hold at any moment). With G1 and 1 MiB regions (a heap
 * of 1 to 2 GiB) each such allocation is made outside any thread-local buffer and recorded one by one.
 */
final class LargeAllocations {

    static final long THRESHOLD_BYTES = 512 << 10;

    private LargeAllocations() {
    }

    static long of(Runnable work, Path scratch) throws IOException {
        long thread = Thread.currentThread().threadId();
        Path file = Files.createTempFile(scratch, "allocations", ".jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ObjectAllocationOutsideTLAB").withoutStackTrace();
            recording.start();
            work.run();
            recording.stop();
            recording.dump(file);
        }
        long total = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (event.getThread("eventThread").getJavaThreadId() == thread && event.getLong("allocationSize") >= THRESHOLD_BYTES) {
                total += event.getLong("allocationSize");
            }
        }
        Files.delete(file);
        return total;
    }
}
