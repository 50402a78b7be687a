package io.gridpulse.bench.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Many SSE subscribers read by one thread over one selector, as plain HTTP/1.1. Each browser of a
 * real deployment runs on its own machine; here all of them share the server's two cores, so the
 * cheapest reader leaves the most of the machine to the server being measured. It hands on the
 * timestamp of each {@code reading} event with the moment its bytes were read.
 */
final class EventStreamReader implements AutoCloseable {
    /** Called on the reader's thread for every reading event. */
    interface Arrivals {
        void reading(long timestampMs, long arrivedNanos);
    }

    private static final byte[] READING_DATA = "data: {\"ts\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] READING_EVENT = "event: reading".getBytes(StandardCharsets.US_ASCII);

    private final Selector selector;
    private final Thread thread;
    private final CountDownLatch connected;
    private final Arrivals arrivals;
    private volatile boolean running = true;

    /** Opens one stream per URI (same host and port), sending {@code authorization} with each. */
    EventStreamReader(List<URI> streams, String authorization, Arrivals arrivals) throws IOException {
        this.arrivals = arrivals;
        this.selector = Selector.open();
        this.connected = new CountDownLatch(streams.size());
        for (URI uri : streams) {
            SocketChannel channel = SocketChannel.open(new InetSocketAddress(uri.getHost(), uri.getPort()));
            channel.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
            String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                    + "\r\nAccept: text/event-stream\r\nAuthorization: " + authorization + "\r\n\r\n";
            ByteBuffer out = ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII));
            while (out.hasRemaining()) {
                channel.write(out);
            }
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ, new Stream());
        }
        thread = new Thread(this::loop, "sse-reader");
        thread.setDaemon(true);
        thread.start();
    }

    /** True once every stream has sent its first comment (subscribed). */
    boolean awaitConnected(long seconds) throws InterruptedException {
        return connected.await(seconds, TimeUnit.SECONDS);
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        byte[] bytes = new byte[buffer.capacity()];
        try {
            while (running) {
                if (selector.select(100) == 0) {
                    continue;
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Stream stream = (Stream) key.attachment();
                    buffer.clear();
                    int n = ((SocketChannel) key.channel()).read(buffer);
                    if (n < 0) {
                        key.cancel();
                        key.channel().close();
                        continue;
                    }
                    long now = System.nanoTime();
                    buffer.flip().get(bytes, 0, n);
                    stream.accept(bytes, n, now);
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException e) {
            if (running) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            key.channel().close();
        }
        selector.close();
    }

    /**
     * One connection: its response head, then the body's chunked framing undone (a chunk may end
     * inside an event), then the event lines, the unfinished one carried over between reads.
     */
    private final class Stream {
        private enum Part { HEAD, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, RAW_BODY, ENDED }

        private Part part = Part.HEAD;
        private boolean chunked;
        private long chunkLeft;
        private boolean sizeEnded;
        private byte[] line = new byte[256];
        private int length;
        private boolean subscribed;
        private boolean readingEvent;

        void accept(byte[] bytes, int n, long now) {
            for (int i = 0; i < n; i++) {
                byte b = bytes[i];
                switch (part) {
                    case HEAD -> {
                        if (b == '\n') {
                            headLine();
                        } else if (b != '\r') {
                            append(b);
                        }
                    }
                    case CHUNK_SIZE -> {
                        if (b == '\n') {
                            part = chunkLeft == 0 ? Part.ENDED : Part.CHUNK_DATA; // the last chunk is empty
                            sizeEnded = false;
                        } else if (!sizeEnded && Character.digit(b, 16) >= 0) {
                            chunkLeft = chunkLeft * 16 + Character.digit(b, 16);
                        } else {
                            sizeEnded = true; // '\r', or an extension after ';'
                        }
                    }
                    case CHUNK_DATA -> {
                        body(b, now);
                        if (--chunkLeft == 0) {
                            part = Part.CHUNK_END;
                        }
                    }
                    case CHUNK_END -> {
                        if (b == '\n') {
                            part = Part.CHUNK_SIZE;
                        }
                    }
                    case RAW_BODY -> body(b, now);
                    case ENDED -> { }
                }
            }
        }

        private void headLine() {
            if (length == 0) {
                part = chunked ? Part.CHUNK_SIZE : Part.RAW_BODY;
            } else if (new String(line, 0, length, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT)
                    .replace(" ", "").equals("transfer-encoding:chunked")) {
                chunked = true;
            }
            length = 0;
        }

        private void body(byte b, long now) {
            if (b != '\n') {
                append(b);
                return;
            }
            if (length > 0 && line[0] == ':' && !subscribed) {
                subscribed = true;
                connected.countDown();
            } else if (startsWith(READING_EVENT)) {
                readingEvent = true;
            } else if (readingEvent && startsWith(READING_DATA)) {
                readingEvent = false;
                long ts = 0;
                for (int j = READING_DATA.length; j < length && line[j] >= '0' && line[j] <= '9'; j++) {
                    ts = ts * 10 + (line[j] - '0');
                }
                arrivals.reading(ts, now);
            }
            length = 0;
        }

        private void append(byte b) {
            if (length == line.length) {
                line = Arrays.copyOf(line, length * 2);
            }
            line[length++] = b;
        }

        private boolean startsWith(byte[] prefix) {
            return length >= prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
        }
    }
}
