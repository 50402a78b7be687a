package io.gridpulse.bench.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The bench's own SSE reader undoes the chunked encoding, wherever a chunk or a read ends. */
class EventStreamReaderTest {
    @Test
    void eventsSplitAcrossChunksAndReadsAreReadWhole() throws Exception {
        String events = ": connected\n\nevent: reading\ndata: {\"ts\":1764000000000,\"powerW\":1.5}\n\n"
                + "event: alert\ndata: {\"ts\":7}\n\nevent: reading\ndata: {\"ts\":1764000001000,\"powerW\":2}\n\n";
        // chunks end inside the event name, inside the timestamp, and one carries an extension
        int[] cuts = {0, 20, 45, 90, events.length()};
        StringBuilder body = new StringBuilder();
        for (int c = 1; c < cuts.length; c++) {
            String chunk = events.substring(cuts[c - 1], cuts[c]);
            body.append(Integer.toHexString(chunk.length())).append(c == 2 ? ";ext=abc" : "").append("\r\n")
                    .append(chunk).append("\r\n");
        }
        body.append("0\r\n\r\n");
        byte[] response = ("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
        List<Long> timestamps = new CopyOnWriteArrayList<>();
        try (ServerSocket server = new ServerSocket(0)) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = server.accept(); OutputStream out = s.getOutputStream()) {
                    s.getInputStream().read(new byte[4096]); // the request
                    for (int i = 0; i < response.length; i += 7) { // in reads of 7 bytes
                        out.write(response, i, Math.min(7, response.length - i));
                        out.flush();
                        Thread.sleep(1);
                    }
                    Thread.sleep(500);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            try (EventStreamReader reader = new EventStreamReader(List.of(URI.create("http://localhost:" + server.getLocalPort()
                    + "/live")), "Bearer x", (ts, nanos) -> timestamps.add(ts))) {
                assertThat(reader.awaitConnected(10)).isTrue();
                long deadline = System.nanoTime() + 10_000_000_000L;
                while (timestamps.size() < 2 && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
            }
        }
        assertThat(timestamps).containsExactly(1_764_000_000_000L, 1_764_000_001_000L);
    }
}
