package org.parley.live;

import com.sun.management.UnixOperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.function.LongSupplier;

/** How many more files (sockets included) this process may open, where the platform says. */
final class OpenFiles {

    private final LongSupplier left;

    private OpenFiles(LongSupplier left) {
        this.left = left;
    }

    static OpenFiles ofThisProcess() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof UnixOperatingSystemMXBean unix) {
            return new OpenFiles(() -> unix.getMaxFileDescriptorCount() - unix.getOpenFileDescriptorCount());
        }
        return new OpenFiles(() -> Long.MAX_VALUE);
    }

    long left() {
        return left.getAsLong();
    }
}
