package io.gridpulse.bench.store;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A minimal HTTP/1.1 client over one keep-alive socket: writes a prepared request in one call and
 * reads the answer's status, headers and body (Content-Length or chunked). The bench shares the
 * server's two cores, so its client must cost next to nothing; {@code java.net.http} cost 18 % of
 * the CPU samples in the HTTP bench.
 */
final class KeepAliveHttpClient implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    KeepAliveHttpClient(int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress("127.0.0.1", port));
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
    }

    /** A complete request: request line, headers and body, ready to write. */
    static byte[] request(String path, String contentType, String authorization, String body) {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + authorization
                + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + content.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[head.length + content.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(content, 0, request, head.length, content.length);
        return request;
    }

    /** Sends the request and waits for the whole answer; returns its status code. */
    int send(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        int status = Integer.parseInt(line().split(" ", 3)[1]);
        long length = 0;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            String name = header.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(header.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = header.substring(colon + 1).trim().equalsIgnoreCase("chunked");
            }
        }
        if (chunked) {
            for (long chunk = Long.parseLong(line().trim(), 16); chunk > 0; chunk = Long.parseLong(line().trim(), 16)) {
                skip(chunk);
                line();
            }
            line();
        } else {
            skip(length);
        }
        return status;
    }

    private void skip(long bytes) throws IOException {
        for (long left = bytes; left > 0; left--) {
            if (in.read() < 0) {
                throw new IOException("connection closed inside an answer");
            }
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed by the server");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
