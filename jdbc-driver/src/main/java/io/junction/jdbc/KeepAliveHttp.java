package io.junction.jdbc;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;

/**
 * A small blocking HTTP/1.1 client for one server: each exchange is a POST with a Content-Length body
 * on a kept-alive socket that this JDBC connection reuses.
 *
 * <p>Why not the JDK's {@code java.net.http.HttpClient}: it hands every exchange to a shared selector
 * thread and completes it through futures on another pool, two thread hand-offs per round trip that
 * doubled the latency of a point query through the gateway on a loaded 2-core machine. A JDBC
 * connection sends one request at a time and waits for the answer, which is exactly what a blocking
 * socket does best. Sockets are pooled per connection (almost always one), so a second thread calling
 * {@code cancel()} while a query runs gets a socket of its own.
 */
final class KeepAliveHttp implements AutoCloseable {
    /** Idle sockets kept for reuse; more concurrent callers than this just open and close. */
    private static final int MAX_IDLE = 4;
    private static final int BUFFER = 64 * 1024;

    private final String host;
    private final int port;
    private final String hostHeader;
    private final int connectTimeoutMillis;
    private final int socketTimeoutMillis;
    private final Deque<Conn> idle = new ArrayDeque<>();
    private boolean closed;

    KeepAliveHttp(String host, int port, int connectTimeoutMillis, int socketTimeoutMillis) {
        this.host = host;
        this.port = port;
        this.hostHeader = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.socketTimeoutMillis = socketTimeoutMillis;
    }

    /** The status, the Content-Encoding (or null) and the raw body of one response. */
    static final class Response {
        final int status;
        final String contentEncoding;
        final byte[] body;
        /** The Junction-Connection-Properties header, or null. */
        final String connectionProperties;

        Response(int status, String contentEncoding, byte[] body, String connectionProperties) {
            this.status = status;
            this.contentEncoding = contentEncoding;
            this.body = body;
            this.connectionProperties = connectionProperties;
        }
    }

    /**
     * Sends one POST and reads its whole response.
     *
     * @param headers extra header lines, each "Name: value"
     */
    Response post(String path, String[] headers, byte[] body) throws IOException {
        Conn reused = takeIdle();
        if (reused != null) {
            try {
                return exchange(reused, path, headers, body);
            } catch (StaleConnectionException stale) {
                // The server closed this kept-alive socket before reading our request (a restart or an
                // idle close): nothing ran, so the request goes again on a fresh socket.
                reused.close();
            }
        }
        return exchange(open(), path, headers, body);
    }

    private Response exchange(Conn conn, String path, String[] headers, byte[] body) throws IOException {
        boolean keep = false;
        try {
            try {
                writeRequest(conn.out, path, headers, body);
            } catch (IOException e) {
                // A kept-alive socket the server has closed refuses the write (broken pipe).
                throw new StaleConnectionException(e);
            }
            Response response = readResponse(conn);
            keep = conn.keepAlive;
            return response;
        } finally {
            if (keep) {
                giveBack(conn);
            } else {
                conn.close();
            }
        }
    }

    private void writeRequest(OutputStream out, String path, String[] headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(256)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n")
                .append("Content-Length: ").append(body.length).append("\r\n");
        for (String header : headers) {
            head.append(header).append("\r\n");
        }
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(body);
        out.flush();
    }

    private Response readResponse(Conn conn) throws IOException {
        InputStream in = conn.in;
        String statusLine = readLine(in, true);
        int status = parseStatus(statusLine);
        long contentLength = -1;
        boolean chunked = false;
        String contentEncoding = null;
        String connectionProperties = null;
        conn.keepAlive = statusLine.startsWith("HTTP/1.1");
        for (String line = readLine(in, false); !line.isEmpty(); line = readLine(in, false)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length":
                    contentLength = Long.parseLong(value);
                    break;
                case "transfer-encoding":
                    chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    break;
                case "content-encoding":
                    contentEncoding = value;
                    break;
                case "connection":
                    conn.keepAlive = !value.equalsIgnoreCase("close");
                    break;
                case "junction-connection-properties":
                    connectionProperties = value;
                    break;
                default:
                    break;
            }
        }
        byte[] body;
        if (chunked) {
            body = readChunked(in);
        } else if (contentLength >= 0) {
            body = readFully(in, contentLength);
        } else {
            body = in.readAllBytes();
            conn.keepAlive = false;
        }
        return new Response(status, contentEncoding, body, connectionProperties);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in, false);
            int semicolon = sizeLine.indexOf(';');
            long size = Long.parseLong((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            if (size == 0) {
                while (!readLine(in, false).isEmpty()) {
                    // Trailers: none that matter.
                }
                return out.toByteArray();
            }
            out.write(readFully(in, size));
            readLine(in, false);
        }
    }

    private static byte[] readFully(InputStream in, long length) throws IOException {
        if (length > Integer.MAX_VALUE - 16) {
            throw new IOException("response body of " + length + " bytes is too large");
        }
        byte[] body = in.readNBytes((int) length);
        if (body.length != length) {
            throw new EOFException("connection closed after " + body.length + " of " + length + " body bytes");
        }
        return body;
    }

    /**
     * One CRLF-terminated header line. An end of stream before the first byte of a response means the
     * server had closed the socket before it read the request.
     */
    private static String readLine(InputStream in, boolean firstOfResponse) throws IOException {
        StringBuilder line = new StringBuilder(64);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (firstOfResponse && line.length() == 0) {
                    throw new StaleConnectionException();
                }
                throw new EOFException("connection closed in the middle of a response");
            }
            if (b == '\n') {
                int end = line.length();
                if (end > 0 && line.charAt(end - 1) == '\r') {
                    line.setLength(end - 1);
                }
                return line.toString();
            }
            line.append((char) b);
        }
    }

    private static int parseStatus(String statusLine) throws IOException {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("not an HTTP response: " + statusLine);
        }
        try {
            return Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("not an HTTP status: " + statusLine, e);
        }
    }

    private Conn open() throws ConnectFailure {
        Socket socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setKeepAlive(true);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            socket.setSoTimeout(socketTimeoutMillis);
            return new Conn(socket);
        } catch (IOException e) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // The connect failure is the one to report.
            }
            throw new ConnectFailure(e);
        }
    }

    private synchronized Conn takeIdle() {
        return idle.pollLast();
    }

    private void giveBack(Conn conn) {
        synchronized (this) {
            if (!closed && idle.size() < MAX_IDLE) {
                idle.addLast(conn);
                return;
            }
        }
        conn.close();
    }

    @Override
    public void close() {
        Deque<Conn> toClose;
        synchronized (this) {
            closed = true;
            toClose = new ArrayDeque<>(idle);
            idle.clear();
        }
        toClose.forEach(Conn::close);
    }

    /** One socket and its buffered streams. */
    private static final class Conn {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean keepAlive;

        Conn(Socket socket) throws IOException {
            this.socket = socket;
            this.in = new BufferedInputStream(socket.getInputStream(), BUFFER);
            this.out = new BufferedOutputStream(socket.getOutputStream(), BUFFER);
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Nothing to do about a socket that will not close.
            }
        }
    }

    /** The server closed a kept-alive socket before answering: safe to retry on a fresh one. */
    static final class StaleConnectionException extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnectionException() {
            super("the server closed the connection before answering");
        }

        StaleConnectionException(IOException cause) {
            super("the server closed the connection before reading the request", cause);
        }
    }

    /** No TCP connection could be made; the cause says why (refused, unknown host, timeout). */
    static final class ConnectFailure extends IOException {
        private static final long serialVersionUID = 1L;

        ConnectFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }
}
