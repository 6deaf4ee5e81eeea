package io.github.vectororm.core.copy;

import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.codec.HalfvecCodec;
import io.github.vectororm.core.codec.VectorCodec;
import io.github.vectororm.core.internal.Identifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Bulk-loads rows with {@code COPY table (columns) FROM STDIN (FORMAT BINARY)}, vectors in pgvector's
 * binary form: the fastest way into PostgreSQL.
 *
 * <p>All or nothing: the rows become visible only when {@link #finish()} succeeds. {@link #close()} without a
 * successful {@code finish()} (an exception in the caller's loop, a rejected row) cancels the COPY, and the
 * server keeps none of its rows. Each row is validated and encoded completely before any of it is sent,
 * so a rejected row leaves the stream intact.
 *
 * <pre>{@code
 * try (VectorCopyWriter writer = VectorCopyWriter.into(connection, "items")
 *         .column("id", CopyType.BIGINT)
 *         .column("embedding", CopyType.VECTOR)
 *         .open()) {
 *     for (Item item : items) {
 *         writer.addRow(item.id(), item.embedding());
 *     }
 *     writer.finish();
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class VectorCopyWriter implements AutoCloseable {

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int BUFFER_SIZE = 1 << 16;

    private final Connection connection;
    private final String table;
    private final List<String> columnNames;
    private final List<CopyType> columnTypes;
    private final PGCopyOutputStream copy;
    /** The row being encoded: complete before any of it is sent, so a rejected row leaves the stream intact. */
    private byte[] row = new byte[8192];
    private int position;
    private long rows;
    private boolean finished;
    private boolean cancelled;

    private VectorCopyWriter(Connection connection, String table, List<String> columnNames, List<CopyType> columnTypes)
            throws SQLException {
        this.connection = connection;
        this.table = table;
        this.columnNames = List.copyOf(columnNames);
        this.columnTypes = List.copyOf(columnTypes);
        String sql = copySql(table, columnNames);
        try {
            this.copy = new PGCopyOutputStream(connection.unwrap(PGConnection.class), sql, BUFFER_SIZE);
        } catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                revealBrokenConnection(); // the connection was dead before the COPY began
            }
            throw e;
        }
        try {
            copy.write(SIGNATURE);
            copy.write(new byte[8]); // int32 flags, int32 header extension length
        } catch (IOException e) {
            cancelQuietly();
            revealBrokenConnection();
            throw new SQLException("COPY into " + table + " failed at its header: " + e.getMessage(), "08006", e);
        }
    }

    /**
     * Starts describing a COPY into a table.
     *
     * @param connection a pgjdbc connection (or a pool's wrapper)
     * @param table the table, optionally schema-qualified
     * @return a builder for the columns
     */
    public static Builder into(Connection connection, String table) {
        return new Builder(connection, table);
    }

    /**
     * The COPY statement this writer runs.
     *
     * @param table the table
     * @param columns the column names
     * @return {@code COPY table (columns) FROM STDIN (FORMAT BINARY)}
     */
    public static String copySql(String table, List<String> columns) {
        StringBuilder sql = new StringBuilder("COPY ").append(Identifiers.qualifiedName("table", table)).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(Identifiers.identifier("column", columns.get(i)));
        }
        return sql.append(") FROM STDIN (FORMAT BINARY)").toString();
    }

    /**
     * Writes one row. The values follow the column order; {@code null} writes SQL NULL.
     *
     * @param values one value per column
     * @throws VectorValidationException if a vector value is invalid (the row is not written; the COPY goes on)
     * @throws IllegalArgumentException if a value does not fit its column (likewise)
     * @throws SQLException if sending fails; the COPY is cancelled
     */
    public void addRow(Object... values) throws SQLException {
        if (finished || cancelled) {
            throw new IllegalStateException("COPY into " + table + " is already " + (finished ? "finished" : "cancelled"));
        }
        if (values.length != columnNames.size()) {
            throw new IllegalArgumentException("row " + (rows + 1) + " for " + table + " has " + values.length
                    + " values, the COPY has " + columnNames.size() + " columns " + columnNames);
        }
        position = 0;
        try {
            putShort(values.length);
            for (int i = 0; i < values.length; i++) {
                try {
                    putField(columnTypes.get(i), values[i]);
                } catch (VectorValidationException e) {
                    throw e.withContext(context(i));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(context(i) + ": " + e.getMessage(), e);
                }
            }
            copy.write(row, 0, position);
        } catch (IOException e) {
            cancelQuietly();
            revealBrokenConnection();
            throw new SQLException("COPY into " + table + " failed at row " + (rows + 1) + ": " + e.getMessage(), "08006", e);
        }
        rows++;
    }

    /** Appends one field, length-prefixed; dense vectors are encoded straight into the row buffer. */
    private void putField(CopyType type, Object value) {
        if (value == null) {
            putInt(-1);
        } else if (type == CopyType.VECTOR && value instanceof float[] vector) {
            int length = VectorCodec.binaryLength(vector.length);
            putInt(length);
            VectorCodec.encode(vector, row, position); // validates
            position += length;
        } else if (type == CopyType.HALFVEC && value instanceof float[] vector) {
            int length = HalfvecCodec.binaryLength(vector.length);
            putInt(length);
            HalfvecCodec.encode(vector, row, position); // validates
            position += length;
        } else {
            byte[] field = type.encode(value);
            putInt(field.length);
            ensureCapacity(field.length);
            System.arraycopy(field, 0, row, position, field.length);
            position += field.length;
        }
    }

    private void putShort(int value) {
        ensureCapacity(2);
        row[position++] = (byte) (value >>> 8);
        row[position++] = (byte) value;
    }

    /** Writes a big-endian int and makes room for a field of that many bytes after it. */
    private void putInt(int value) {
        ensureCapacity(4 + Math.max(value, 0));
        row[position++] = (byte) (value >>> 24);
        row[position++] = (byte) (value >>> 16);
        row[position++] = (byte) (value >>> 8);
        row[position++] = (byte) value;
    }

    private void ensureCapacity(int more) {
        if (position + more > row.length) {
            row = java.util.Arrays.copyOf(row, Math.max(row.length * 2, position + more));
        }
    }

    private String context(int column) {
        return table + "." + columnNames.get(column) + " (row " + (rows + 1) + ")";
    }

    /**
     * Ends the COPY; its rows become visible (at commit, if the connection is in a transaction).
     *
     * @return the number of rows the server reports written
     * @throws SQLException if the server rejects the data (then no row is written)
     */
    public long finish() throws SQLException {
        if (cancelled) {
            throw new IllegalStateException("COPY into " + table + " was cancelled");
        }
        if (!finished) {
            try {
                copy.write(new byte[] {(byte) 0xFF, (byte) 0xFF}); // int16 -1: end of data
                long written = copy.endCopy();
                finished = true;
                return written;
            } catch (IOException e) {
                cancelQuietly();
                revealBrokenConnection();
                Throwable cause = e.getCause() instanceof SQLException ? e.getCause() : e;
                throw new SQLException("COPY into " + table + " failed: " + cause.getMessage(),
                        cause instanceof SQLException sql ? sql.getSQLState() : "08006", cause);
            } catch (SQLException e) {
                cancelled = true;
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    revealBrokenConnection();
                }
                // name the table; keep the SQLState (e.g. 57P01, 08006) so pools and callers can classify it
                throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), e.getSQLState(), e);
            }
        }
        return rows;
    }

    /** {@return rows written so far} */
    public long rowsWritten() {
        return rows;
    }

    /**
     * Cancels the COPY unless {@link #finish()} succeeded: no row of an unfinished COPY is kept.
     */
    @Override
    public void close() {
        if (!finished && !cancelled) {
            cancelQuietly();
        }
    }

    /**
     * The COPY runs on the unwrapped pgjdbc connection, so a pool's wrapper (HikariCP's proxy) never sees a
     * connection lost in the middle of it and would hand the dead connection out again. One statement through
     * the caller's connection lets the pool see the failure and retire it; on a live connection it is harmless.
     */
    private void revealBrokenConnection() {
        try (java.sql.Statement probe = connection.createStatement()) {
            probe.execute("select 1");
        } catch (SQLException expected) {
            // the pool has now seen the broken connection
        }
    }

    private void cancelQuietly() {
        cancelled = true;
        try {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        } catch (SQLException e) {
            // the connection is broken or the server already ended the COPY: nothing of it was committed
        }
    }

    /** Describes the columns of a {@link VectorCopyWriter}. */
    public static final class Builder {
        private final Connection connection;
        private final String table;
        private final List<String> names = new ArrayList<>();
        private final List<CopyType> types = new ArrayList<>();

        private Builder(Connection connection, String table) {
            this.connection = Objects.requireNonNull(connection, "connection");
            this.table = Objects.requireNonNull(table, "table");
        }

        /**
         * Adds the next column of the COPY, in the order the rows give the values.
         *
         * @param name a column of the table
         * @param type how its values are encoded
         * @return this builder
         */
        public Builder column(String name, CopyType type) {
            Identifiers.identifier("column", name);
            names.add(name);
            types.add(Objects.requireNonNull(type, "type"));
            return this;
        }

        /**
         * Starts the COPY on the connection.
         *
         * @return the writer; close it
         * @throws SQLException if the server refuses the COPY (unknown table or column, no privilege)
         */
        public VectorCopyWriter open() throws SQLException {
            if (names.isEmpty()) {
                throw new IllegalStateException("COPY into " + table + " names no columns");
            }
            return new VectorCopyWriter(connection, table, names, types);
        }
    }
}
