package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vectororm.core.IndexBuilder;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

/**
 * jOOQ on a hash-partitioned table: the index from {@link VectorDdl} on the parent reaches every partition, a search
 * with the partition key reads one partition's index, one without it merges every partition's index scan into the
 * global top k.
 */
@PgVectorDatabase
class PartitionedNearestNeighborsTest {

    private static final Table<Record> ITEMS = DSL.table(DSL.name("hashed_items"));
    private static final Field<Integer> TENANT = DSL.field(DSL.name("tenant"), SQLDataType.INTEGER);
    private static final Field<Long> ID = DSL.field(DSL.name("id"), SQLDataType.BIGINT);
    private static final Field<float[]> EMBEDDING = DSL.field(DSL.name("embedding"), VectorDataTypes.vector(16));
    private static final int PARTITIONS = 4;
    private static final int ROWS = 12_000;

    @Test
    void hashPartitionsEachGetTheIndexAndTheKeyPrunesToOne(TestDatabase db) throws SQLException {
        // the migration: jOOQ's DDL has no PARTITION BY, so the parent and its partitions are plain SQL
        db.execute("create table hashed_items (tenant integer not null, id bigint not null, embedding vector(16),"
                + " primary key (tenant, id)) partition by hash (tenant)");
        for (int r = 0; r < PARTITIONS; r++) {
            db.execute("create table hashed_items_" + r + " partition of hashed_items for values with (modulus "
                    + PARTITIONS + ", remainder " + r + ")");
        }
        try (Connection connection = db.connect()) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            Random random = new Random(5);
            for (int from = 0; from < ROWS; from += 1000) {
                var insert = dsl.insertInto(ITEMS, TENANT, ID, EMBEDDING);
                for (long id = from; id < from + 1000; id++) {
                    float[] v = new float[16];
                    for (int d = 0; d < v.length; d++) {
                        v[d] = (float) random.nextGaussian();
                    }
                    insert = insert.values((int) (id % 16), id, v);
                }
                insert.execute();
            }
            IndexDefinition index = IndexDefinition.hnsw("hashed_items",
                    IndexedExpression.column("embedding", VectorType.VECTOR, 16), Metric.COSINE).build();
            IndexBuilder.verify(connection, index);
            VectorDdl.createIndex(dsl, index).execute();
            dsl.execute("analyze hashed_items");
            List<IndexBuilder.PartitionIndex> partitions = IndexBuilder.partitionIndexes(connection, index);
            System.out.printf("[measure] jOOQ: hash partitions with their own HNSW index: %d of %d, %d kB in all%n",
                    partitions.size(), PARTITIONS, IndexBuilder.sizeBytes(connection, index) / 1024);
            assertThat(partitions).hasSize(PARTITIONS).allSatisfy(p -> assertThat(p.sizeBytes()).isPositive());

            float[] probe = new float[16];
            for (int d = 0; d < probe.length; d++) {
                probe[d] = (float) random.nextGaussian();
            }
            // a hash partition holds several tenants, so the filter drops candidates: an iterative scan keeps k rows
            NearestNeighbors<Record> byKey = NearestNeighbors.of(ITEMS, EMBEDDING, Metric.COSINE, probe).select(TENANT, ID)
                    .where(TENANT.eq(7)).limit(10)
                    .settings(SearchSettings.builder().hnswIterativeScan(IterativeScan.RELAXED_ORDER).build());
            String keyPlan = plan(dsl, byKey);
            System.out.printf("[measure] jOOQ k-NN with the hash key:%n%s%n", keyPlan);
            assertThat(keyPlan).containsPattern("Index Scan using hashed_items_\\d_embedding_idx");
            assertThat(keyPlan.lines().filter(l -> l.contains("on hashed_items_")).count())
                    .as("one partition is read").isEqualTo(1);
            assertThat(byKey.fetch(dsl)).hasSize(10).allSatisfy(n -> assertThat(n.record().get(TENANT)).isEqualTo(7));

            int k = 10;
            NearestNeighbors<Record> global = NearestNeighbors.of(ITEMS, EMBEDDING, Metric.COSINE, probe).select(ID).limit(k);
            String globalPlan = plan(dsl, global);
            System.out.printf("[measure] jOOQ k-NN without the key:%n%s%n", globalPlan);
            assertThat(globalPlan).contains("Merge Append");
            for (IndexBuilder.PartitionIndex partition : partitions) {
                assertThat(globalPlan).contains("Index Scan using " + partition.index() + " on " + partition.partition());
            }
            List<Long> approximate = global.fetch(dsl).stream().map(n -> n.record().get(ID)).toList();
            List<Long> exact = NearestNeighbors.of(ITEMS, EMBEDDING, Metric.COSINE, probe).select(ID).limit(k).exact()
                    .fetch(dsl).stream().map(n -> n.record().get(ID)).toList();
            Set<Long> found = new HashSet<>(approximate);
            found.retainAll(exact);
            double recall = found.size() / (double) k;
            System.out.printf("[measure] jOOQ global top %d over %d hash partitions: recall@%d against exact mode %.2f%n",
                    k, PARTITIONS, k, recall);
            assertThat(recall).as("approximate, so a bound, not equality").isGreaterThanOrEqualTo(0.8);
        }
    }

    private static String plan(DSLContext dsl, NearestNeighbors<Record> knn) {
        return VectorTransactions.withSettings(dsl, knn.effectiveSettings(),
                tx -> String.join("\n", tx.dsl().fetch("explain (costs off) {0}", knn.asSelect()).getValues(0, String.class)));
    }
}
