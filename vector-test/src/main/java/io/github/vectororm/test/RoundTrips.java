package io.github.vectororm.test;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.SocketFactory;

/**
 * Counts the client/server round trips of pgjdbc connections, measured on the socket: a round trip is the
 * client's first read after it has written (the driver sends, then waits for the answer), so pipelined messages
 * (Parse/Bind/Execute of several statements and one Sync) count once, as on the wire.
 *
 * <p>A connection is counted when its URL names this class as its socket factory:
 * {@code database.jdbcUrl(RoundTrips.PROPERTY, RoundTrips.FACTORY)}. Counts are global to the JVM (tests that
 * count run one at a time); {@link #during(Work)} gives the round trips of a piece of work.
 *
 * @since 0.1.0
 */
public final class RoundTrips extends SocketFactory {

    /** The pgjdbc connection property that names the socket factory. */
    public static final String PROPERTY = "socketFactory";
    /** The value of {@link #PROPERTY} that makes a connection counted. */
    public static final String FACTORY = RoundTrips.class.getName();

    private static final AtomicLong COUNT = new AtomicLong();

    /** Work that may throw. */
    @FunctionalInterface
    public interface Work {
        /**
         * Does the work.
         *
         * @throws Exception anything
         */
        void run() throws Exception;
    }

    /** Made by pgjdbc for every connection whose URL names this factory. */
    public RoundTrips() {
    }

    /**
     * Runs work and counts the round trips of counted connections during it.
     *
     * @param work the work
     * @return the number of round trips
     * @throws Exception what the work throws
     */
    public static long during(Work work) throws Exception {
        long before = COUNT.get();
        work.run();
        return COUNT.get() - before;
    }

    @Override
    public Socket createSocket() {
        return new CountingSocket();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return open(new java.net.InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return open(new java.net.InetSocketAddress(host, port), new java.net.InetSocketAddress(localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return open(new java.net.InetSocketAddress(host, port), null);
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return open(new java.net.InetSocketAddress(address, port), new java.net.InetSocketAddress(localAddress, localPort));
    }

    private Socket open(java.net.InetSocketAddress remote, java.net.InetSocketAddress local) throws IOException {
        Socket socket = createSocket();
        if (local != null) {
            socket.bind(local);
        }
        socket.connect(remote);
        return socket;
    }

    /** A plain socket whose streams count write-then-read turns. */
    private static final class CountingSocket extends Socket {
        private volatile boolean wrote;
        private InputStream in;
        private OutputStream out;

        @Override
        public synchronized InputStream getInputStream() throws IOException {
            if (in == null) {
                in = new FilterInputStream(super.getInputStream()) {
                    @Override
                    public int read() throws IOException {
                        turn();
                        return super.read();
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        turn();
                        return super.read(b, off, len);
                    }
                };
            }
            return in;
        }

        @Override
        public synchronized OutputStream getOutputStream() throws IOException {
            if (out == null) {
                OutputStream socketOut = super.getOutputStream();
                out = new FilterOutputStream(socketOut) {
                    @Override
                    public void write(int b) throws IOException {
                        wrote = true;
                        super.write(b);
                    }

                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        wrote = true;
                        socketOut.write(b, off, len); // not FilterOutputStream's byte-by-byte copy
                    }
                };
            }
            return out;
        }

        private void turn() {
            if (wrote) {
                wrote = false;
                COUNT.incrementAndGet();
            }
        }
    }
}
