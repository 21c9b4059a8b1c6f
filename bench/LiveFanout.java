import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Benchmark client (not a test) for live streams: opens many server-sent-event connections to one page,
 * one virtual thread each on a plain socket, then posts comments to that page and measures how long
 * each takes to reach every client, from just before the post is sent to the moment its event is read.
 * Run by bench/live.sh; a single-file program (java bench/LiveFanout.java …).
 *
 * Arguments: host port site page clients posts token [postOn=host:port]
 */
public class LiveFanout {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        String site = args[2];
        String page = args[3];
        int clients = Integer.parseInt(args[4]);
        int posts = Integer.parseInt(args[5]);
        String token = args[6];
        String postOn = args.length > 7 ? args[7] : host + ":" + port;

        AtomicLongArray sentAt = new AtomicLongArray(posts);
        ConcurrentLinkedQueue<Long> delays = new ConcurrentLinkedQueue<>();
        AtomicInteger connected = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch attempted = new CountDownLatch(clients);
        List<Socket> sockets = new ArrayList<>();
        long opening = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            Thread.ofVirtual().start(() -> follow(host, port, site, page, sentAt, delays, connected, refused, failed, attempted, sockets));
            if (i % 500 == 499) {
                // Pace the opening a little: the listen backlog is finite.
                while (connected.get() + refused.get() + failed.get() < i - 2_000) {
                    Thread.sleep(5);
                }
            }
        }
        attempted.await(120, TimeUnit.SECONDS);
        System.out.printf("clients: %d connected, %d refused (503), %d failed, in %.1f s%n", connected.get(), refused.get(),
                failed.get(), (System.nanoTime() - opening) / 1e9);
        System.out.println("ready for measuring memory; posting in 5 s");
        Thread.sleep(5_000);

        HttpClient http = HttpClient.newHttpClient();
        for (int k = 0; k < posts; k++) {
            String body = "{\"page\":\"" + page + "\",\"body\":\"fanout marker " + k + " end\"}";
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + postOn + "/api/v1/sites/" + site + "/comments"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            sentAt.set(k, System.nanoTime());
            HttpResponse<String> reply = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (reply.statusCode() != 201) {
                System.out.println("post " + k + " answered " + reply.statusCode() + ": " + reply.body());
            }
            Thread.sleep(1_000);
        }
        Thread.sleep(5_000);
        long[] sorted = delays.stream().mapToLong(Long::longValue).sorted().toArray();
        long expected = (long) connected.get() * posts;
        System.out.printf("deliveries: %d of %d expected%n", sorted.length, expected);
        if (sorted.length > 0) {
            System.out.printf("delivery ms: p50 %.1f, p99 %.1f, max %.1f%n", at(sorted, 0.50), at(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
        }
        System.exit(0);
    }

    private static double at(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] / 1e6;
    }

    private static void follow(String host, int port, String site, String page, AtomicLongArray sentAt, ConcurrentLinkedQueue<Long> delays,
                               AtomicInteger connected, AtomicInteger refused, AtomicInteger failed, CountDownLatch attempted,
                               List<Socket> sockets) {
        boolean counted = false;
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress(host, port), 30_000);
            synchronized (sockets) {
                sockets.add(socket);
            }
            OutputStream out = socket.getOutputStream();
            out.write(("GET /api/v1/sites/" + site + "/live?page=" + page + " HTTP/1.1\r\nHost: " + host + "\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8), 1024);
            String status = in.readLine();
            if (status == null || !status.contains(" 200 ")) {
                (status != null && status.contains(" 503 ") ? refused : failed).incrementAndGet();
                attempted.countDown();
                counted = true;
                socket.close();
                return;
            }
            connected.incrementAndGet();
            attempted.countDown();
            counted = true;
            String line;
            while ((line = in.readLine()) != null) {
                int marker = line.indexOf("fanout marker ");
                if (marker >= 0) {
                    long now = System.nanoTime();
                    int k = Integer.parseInt(line.substring(marker + 14, line.indexOf(' ', marker + 14)));
                    delays.add(now - sentAt.get(k));
                }
            }
        } catch (Exception e) {
            if (!counted) {
                failed.incrementAndGet();
                attempted.countDown();
            }
        }
    }
}
