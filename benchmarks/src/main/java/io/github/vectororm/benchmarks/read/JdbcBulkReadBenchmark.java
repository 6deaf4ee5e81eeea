package io.github.vectororm.benchmarks.read;

import com.pgvector.PGvector;
import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.infra.Blackhole;
import org.postgresql.PGConnection;

/**
 * Bulk read over plain JDBC: vector-core's binary read against pgvector-java's binary {@link PGvector},
 * {@code vector_send} as {@code bytea}, and text.
 *
 * <p>The binary paths run on connections with {@code prepareThreshold = -1}: pgjdbc asks for binary results
 * only from server-prepared statements, which it otherwise uses from the fifth execution on. Every path
 * reads in a transaction with fetch size {@value BulkReadBenchmark#FETCH_SIZE}.
 *
 * @since 0.1.0
 */
public class JdbcBulkReadBenchmark extends BulkReadBenchmark {

    /** vector-core's binary classes registered, binary results forced. */
    private Connection vectorCore;
    /** pgvector-java's {@link PGvector} registered, binary results forced. */
    private Connection pgvectorJava;
    /** Nothing registered, binary results forced (for {@code bytea}). */
    private Connection binaryBytea;
    /** Nothing registered, default settings: vectors arrive as text. */
    private Connection plain;

    @Override
    protected void open(BenchmarkDatabase database) throws SQLException {
        vectorCore = streaming(database.connect(), true);
        PgVectorTypes.register(vectorCore);
        pgvectorJava = streaming(database.connect(), true);
        PGvector.registerTypes(pgvectorJava);
        binaryBytea = streaming(database.connect(), true);
        plain = streaming(database.connect(), false);
    }

    private static Connection streaming(Connection connection, boolean binaryResults) throws SQLException {
        connection.setAutoCommit(false); // a fetch size streams only inside a transaction
        if (binaryResults) {
            connection.unwrap(PGConnection.class).setPrepareThreshold(-1);
        }
        return connection;
    }

    @Override
    protected void close() throws SQLException {
        for (Connection connection : new Connection[] {vectorCore, pgvectorJava, binaryBytea, plain}) {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private PreparedStatement select(Connection connection, String column) throws SQLException {
        PreparedStatement statement = connection.prepareStatement("SELECT " + column + " FROM " + table);
        statement.setFetchSize(FETCH_SIZE);
        return statement;
    }

    /**
     * @param blackhole consumes each vector
     * @return rows read
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "binary: `getObject` + `VectorValues.fromResult(VECTOR, o, float[].class)` "
            + "(`PgVectorTypes.register`)", kind = PathKind.LIBRARY)
    public long vectorCoreBinary(Blackhole blackhole) throws SQLException {
        long rows = 0;
        try (PreparedStatement statement = select(vectorCore, "embedding"); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                blackhole.consume(VectorValues.fromResult(VectorType.VECTOR, rs.getObject(1), float[].class));
                rows++;
            }
        }
        vectorCore.commit();
        return checkRowCount(rows);
    }

    /**
     * @param blackhole consumes each vector
     * @return rows read
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "raw binary: `((PGvector) getObject(1)).toArray()` (pgvector-java `registerTypes`)",
            kind = PathKind.RAW_BASELINE)
    public long rawPgvectorBinary(Blackhole blackhole) throws SQLException {
        long rows = 0;
        try (PreparedStatement statement = select(pgvectorJava, "embedding"); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                blackhole.consume(((PGvector) rs.getObject(1)).toArray());
                rows++;
            }
        }
        pgvectorJava.commit();
        return checkRowCount(rows);
    }

    /**
     * @param blackhole consumes each vector
     * @return rows read
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "raw binary: `getBytes` of `vector_send(embedding)`, decoded with a `ByteBuffer`",
            kind = PathKind.RAW)
    public long rawVectorSendBytes(Blackhole blackhole) throws SQLException {
        long rows = 0;
        try (PreparedStatement statement = select(binaryBytea, "vector_send(embedding)");
                ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                ByteBuffer bytes = ByteBuffer.wrap(rs.getBytes(1));
                float[] vector = new float[bytes.getShort()];
                bytes.getShort(); // unused
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = bytes.getFloat();
                }
                blackhole.consume(vector);
                rows++;
            }
        }
        binaryBytea.commit();
        return checkRowCount(rows);
    }

    /**
     * @param blackhole consumes each vector
     * @return rows read
     * @throws SQLException if the query fails
     */
    @Benchmark
    @Compared(value = "raw text: `getString` + `new PGvector(String).toArray()`", kind = PathKind.RAW)
    public long rawText(Blackhole blackhole) throws SQLException {
        long rows = 0;
        try (PreparedStatement statement = select(plain, "embedding"); ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                blackhole.consume(new PGvector(rs.getString(1)).toArray());
                rows++;
            }
        }
        plain.commit();
        return checkRowCount(rows);
    }
}
