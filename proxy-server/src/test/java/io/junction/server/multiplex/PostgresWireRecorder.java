package io.junction.server.multiplex;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback relay in front of PostgreSQL that records what clients send: each round trip (a Sync of the
 * extended protocol or a simple Query, the points where a client waits for the server) with the SQL texts it
 * carried, and {@code bind S_n} for a statement prepared earlier and run again by its name. pgjdbc's connection check ({@code isValid}, an empty query HikariCP sends to a connection idle for
 * more than half a second) is left out: it depends on timing, not on what Junction sends.
 */
final class PostgresWireRecorder implements AutoCloseable {
    private static final int SSL_REQUEST = 80877103;
    private static final int GSSENC_REQUEST = 80877104;

    private final ServerSocket listener;
    private final String upstreamHost;
    private final int upstreamPort;
    private final List<List<String>> roundTrips = new ArrayList<>();
    private final List<Socket> sockets = new ArrayList<>();
    private final Thread acceptor;

    PostgresWireRecorder(String upstreamHost, int upstreamPort) throws IOException {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "pg-wire-recorder");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listener.getLocalPort();
    }

    /** The round trips recorded since the last call, oldest first; forgets them. */
    synchronized List<List<String>> take() {
        List<List<String>> taken = new ArrayList<>(roundTrips);
        roundTrips.clear();
        return taken;
    }

    private synchronized void record(List<String> texts) {
        boolean connectionCheck = !texts.isEmpty() && texts.stream().allMatch(String::isBlank);
        if (!connectionCheck) {
            roundTrips.add(List.copyOf(texts));
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(upstreamHost, upstreamPort);
                synchronized (this) {
                    sockets.add(client);
                    sockets.add(server);
                }
                start(() -> copy(server.getInputStream(), client.getOutputStream()));
                start(() -> readClient(client.getInputStream(), server.getOutputStream()));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void start(IoTask task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } catch (IOException ignored) {
                // A side closed: the other copy ends too.
            }
        }, "pg-wire-recorder-copy");
        thread.setDaemon(true);
        thread.start();
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[16384];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            out.flush();
        }
        out.close();
    }

    /** Forwards the client's messages one by one, noting the SQL of Parse and Query and where each round trip ends. */
    private void readClient(InputStream raw, OutputStream out) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        try {
            int code;
            do {
                // Startup phase: untyped messages; SSL or GSS requests precede the startup message.
                int length = in.readInt();
                byte[] body = new byte[length - 4];
                in.readFully(body);
                code = ((body[0] & 0xff) << 24) | ((body[1] & 0xff) << 16) | ((body[2] & 0xff) << 8) | (body[3] & 0xff);
                writeInt(out, length);
                out.write(body);
                out.flush();
            } while (code == SSL_REQUEST || code == GSSENC_REQUEST);
            List<String> texts = new ArrayList<>();
            while (true) {
                int type = in.readUnsignedByte();
                int length = in.readInt();
                byte[] body = new byte[length - 4];
                in.readFully(body);
                if (type == 'P') {
                    texts.add(secondCString(body));
                } else if (type == 'B' && !secondCString(body).isEmpty()) {
                    // A statement prepared earlier, run again by name (names differ from connection to connection).
                    texts.add("bind S_n");
                } else if (type == 'Q') {
                    texts.add(firstCString(body));
                }
                out.write(type);
                writeInt(out, length);
                out.write(body);
                if (type == 'S' || type == 'Q') {
                    // The client waits for the server from here on: record before the answer can arrive.
                    record(texts);
                    texts = new ArrayList<>();
                }
                if (type == 'S' || type == 'Q' || type == 'H' || type == 'X') {
                    out.flush();
                }
            }
        } catch (EOFException e) {
            out.close();
        }
    }

    private static String firstCString(byte[] body) {
        int end = 0;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        return new String(body, 0, end, StandardCharsets.UTF_8);
    }

    /** Parse: statement name, then the query; Bind: portal name, then the statement's. */
    private static String secondCString(byte[] body) {
        int start = 0;
        while (start < body.length && body[start] != 0) {
            start++;
        }
        int end = ++start;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        return new String(body, start, end - start, StandardCharsets.UTF_8);
    }

    private static void writeInt(OutputStream out, int value) throws IOException {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    @Override
    public synchronized void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            socket.close();
        }
    }

    @FunctionalInterface
    private interface IoTask {
        void run() throws IOException;
    }
}
