package io.github.vectororm.benchmarks.load;

import com.pgvector.PGvector;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Bulk load over plain JDBC: vector-core's {@link VectorCopyWriter} and binary parameters against
 * hand-written binary COPY and text INSERTs, each loading the same rows into an empty table and committing.
 *
 * @since 0.1.0
 */
public class JdbcBulkLoadBenchmark extends BulkLoadBenchmark {

    private static final byte[] COPY_SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    private static final int COPY_BUFFER_SIZE = 1 << 16;

    /** Plain connection: nothing registered. */
    private Connection plain;
    /** vector-core's binary classes registered ({@link PgVectorTypes#register}). */
    private Connection vectorCore;
    /** pgvector-java's {@link PGvector} registered, as its README shows. */
    private Connection pgvectorJava;

    @Override
    protected void open(BenchmarkDatabase database) throws SQLException {
        plain = database.connect();
        plain.setAutoCommit(false);
        vectorCore = database.connect();
        vectorCore.setAutoCommit(false);
        PgVectorTypes.register(vectorCore);
        pgvectorJava = database.connect();
        pgvectorJava.setAutoCommit(false);
        PGvector.registerTypes(pgvectorJava);
    }

    @Override
    protected void close() throws SQLException {
        for (Connection connection : new Connection[] {plain, vectorCore, pgvectorJava}) {
            if (connection != null) {
                connection.close();
            }
        }
    }

    /**
     * PostgreSQL's binary COPY format written by hand into pgjdbc's {@code CopyIn}: header, per row a field
     * count, the id and the vector ({@code int16 dim, int16 0, dim x float4}), then the trailer.
     *
     * @return rows the server reports
     * @throws SQLException if the COPY fails
     */
    @Benchmark
    @Compared(value = "raw `COPY ... FROM STDIN (FORMAT BINARY)`, hand-written with pgjdbc `CopyManager`",
            kind = PathKind.RAW_BASELINE)
    public long rawCopyBinary() throws SQLException {
        CopyIn copy = plain.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (id, embedding) FROM STDIN (FORMAT BINARY)");
        try {
            ByteBuffer buffer = ByteBuffer.allocate(COPY_BUFFER_SIZE);
            buffer.put(COPY_SIGNATURE).putInt(0).putInt(0); // flags, header extension length
            for (int id = 0; id < vectors.length; id++) {
                float[] vector = vectors[id];
                int rowLength = 2 + 4 + 8 + 4 + 4 + 4 * vector.length;
                if (buffer.remaining() < rowLength) {
                    copy.writeToCopy(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                buffer.putShort((short) 2);
                buffer.putInt(8).putLong(id);
                buffer.putInt(4 + 4 * vector.length).putShort((short) vector.length).putShort((short) 0);
                for (float element : vector) {
                    buffer.putFloat(element);
                }
            }
            buffer.putShort((short) -1);
            copy.writeToCopy(buffer.array(), 0, buffer.position());
            long rows = copy.endCopy();
            plain.commit();
            return rows;
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    /**
     * @return rows the server reports
     * @throws SQLException if the COPY fails
     */
    @Benchmark
    @Compared(value = "`VectorCopyWriter` (COPY BINARY)", kind = PathKind.LIBRARY)
    public long vectorCopyWriter() throws SQLException {
        try (VectorCopyWriter writer = VectorCopyWriter.into(vectorCore, table)
                .column("id", CopyType.BIGINT).column("embedding", CopyType.VECTOR).open()) {
            for (int id = 0; id < vectors.length; id++) {
                writer.addRow((long) id, vectors[id]);
            }
            long rows = writer.finish();
            vectorCore.commit();
            return rows;
        }
    }

    /**
     * @return rows inserted
     * @throws SQLException if an insert fails
     */
    @Benchmark
    @Compared(value = "raw batched INSERT, text vector: `?::vector` + `setString(\"[...]\")`", kind = PathKind.RAW)
    public long rawTextInsert() throws SQLException {
        try (PreparedStatement insert = plain.prepareStatement(
                "INSERT INTO " + table + " (id, embedding) VALUES (?, ?::vector)")) {
            for (int id = 0; id < vectors.length; id++) {
                insert.setLong(1, id);
                insert.setString(2, new PGvector(vectors[id]).getValue());
                addToBatch(insert, id);
            }
        }
        plain.commit();
        return vectors.length;
    }

    /**
     * @return rows inserted
     * @throws SQLException if an insert fails
     */
    @Benchmark
    @Compared(value = "raw batched INSERT, binary `PGvector` parameter (pgvector-java `registerTypes`)",
            kind = PathKind.RAW)
    public long rawPgvectorBinaryInsert() throws SQLException {
        try (PreparedStatement insert = pgvectorJava.prepareStatement(
                "INSERT INTO " + table + " (id, embedding) VALUES (?, ?)")) {
            for (int id = 0; id < vectors.length; id++) {
                insert.setLong(1, id);
                insert.setObject(2, new PGvector(vectors[id]));
                addToBatch(insert, id);
            }
        }
        pgvectorJava.commit();
        return vectors.length;
    }

    /**
     * @return rows inserted
     * @throws SQLException if an insert fails
     */
    @Benchmark
    @Compared(value = "batched INSERT, binary parameter: `VectorValues.toParameter` (`PgVectorTypes.register`)",
            kind = PathKind.LIBRARY)
    public long vectorCoreBinaryInsert() throws SQLException {
        try (PreparedStatement insert = vectorCore.prepareStatement(
                "INSERT INTO " + table + " (id, embedding) VALUES (?, ?)")) {
            for (int id = 0; id < vectors.length; id++) {
                insert.setLong(1, id);
                insert.setObject(2, VectorValues.toParameter(VectorType.VECTOR, vectors[id]));
                addToBatch(insert, id);
            }
        }
        vectorCore.commit();
        return vectors.length;
    }

    /** Adds the row and sends a batch every {@link #BATCH_SIZE} rows and after the last. */
    private void addToBatch(PreparedStatement insert, int id) throws SQLException {
        insert.addBatch();
        if ((id + 1) % BATCH_SIZE == 0 || id == vectors.length - 1) {
            insert.executeBatch();
        }
    }
}
