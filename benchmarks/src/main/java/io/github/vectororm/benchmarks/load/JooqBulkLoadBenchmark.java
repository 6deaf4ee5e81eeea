package io.github.vectororm.benchmarks.load;

import io.github.vectororm.benchmarks.harness.BenchmarkDatabase;
import io.github.vectororm.benchmarks.harness.Compared;
import io.github.vectororm.benchmarks.harness.PathKind;
import io.github.vectororm.jooq.VectorCopy;
import io.github.vectororm.jooq.VectorDataTypes;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.BatchBindStep;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.openjdk.jmh.annotations.Benchmark;

/**
 * Bulk load through jOOQ with vector-orm's data type: a batched INSERT ({@code dsl.batch(insert).bind(...)},
 * {@value #BATCH_SIZE} rows per batch, the vector bound in binary by the type's binding) and {@link VectorCopy}
 * (COPY BINARY) of records. One connection opened with {@code PgVectorTypes.withBinaryTransfer(url)} as the README
 * shows (without it the binding sends vectors as text), autocommit off; each load commits once.
 *
 * @since 0.1.0
 */
public class JooqBulkLoadBenchmark extends BulkLoadBenchmark {

    private Connection connection;
    private DSLContext dsl;
    private Table<Record> target;
    private Field<Long> id;
    private Field<float[]> embedding;

    @Override
    protected void open(BenchmarkDatabase database) throws SQLException {
        // as the README sets jOOQ up: vectors travel in binary only on a connection that registered the types
        connection = DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(database.jdbcUrl()));
        connection.setAutoCommit(false);
        dsl = DSL.using(connection, SQLDialect.POSTGRES);
        target = DSL.table(DSL.name(table.split("\\.")));
        id = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
        embedding = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(loadDimensions));
    }

    @Override
    protected void close() throws SQLException {
        if (connection != null) {
            connection.close();
        }
    }

    /**
     * @return rows inserted
     * @throws SQLException if the commit fails
     */
    @Benchmark
    @Compared(value = "jOOQ + vector-orm: batched INSERT, `dsl.batch(insertInto(t, ID, EMBEDDING)...).bind(id, v)`,"
            + " 1000 rows per batch", kind = PathKind.LIBRARY)
    public long batchInsert() throws SQLException {
        BatchBindStep batch = null;
        for (int row = 0; row < vectors.length; row++) {
            if (batch == null) {
                batch = dsl.batch(dsl.insertInto(target, id, embedding).values((Long) null, (float[]) null));
            }
            batch.bind((long) row, vectors[row]);
            if ((row + 1) % BATCH_SIZE == 0 || row == vectors.length - 1) {
                batch.execute();
                batch = null;
            }
        }
        connection.commit();
        return vectors.length;
    }

    /**
     * @return rows copied
     * @throws SQLException if the commit fails
     */
    @Benchmark
    @Compared(value = "jOOQ + vector-orm: `VectorCopy.copy(dsl, t, records, List.of(ID, EMBEDDING))` (COPY BINARY)",
            kind = PathKind.LIBRARY)
    public long vectorCopy() throws SQLException {
        List<Record2<Long, float[]>> records = new ArrayList<>(vectors.length);
        for (int row = 0; row < vectors.length; row++) {
            records.add(dsl.newRecord(id, embedding).values((long) row, vectors[row]));
        }
        long rows = VectorCopy.copy(dsl, target, records, List.of(id, embedding));
        connection.commit();
        return rows;
    }
}
