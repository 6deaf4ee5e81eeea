package io.github.vectororm.hibernate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IndexBuilder;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexMethod;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hibernate.SessionFactory;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.cfg.AvailableSettings;
import org.hibernate.type.SqlTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link VectorIndexDeclarations} reads the declarations schema export renders: the same statements, names and options,
 * from the runtime metamodel; building them on shards needs declarations and a partitioned table.
 */
@PgVectorDatabase
class VectorIndexDeclarationsTest {

    @Entity(name = "DeclaredDoc")
    @Table(name = "declared_docs")
    public static class DeclaredDoc {
        @Id
        Long id;

        int category;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 8)
        @VectorIndex(metric = Metric.COSINE, m = 8, efConstruction = 32)
        @VectorIndex(metric = Metric.L2, method = IndexMethod.IVFFLAT, lists = 4)
        @VectorIndex(metric = Metric.INNER_PRODUCT, expression = VectorIndex.Expression.HALFVEC)
        @VectorIndex(metric = Metric.HAMMING, expression = VectorIndex.Expression.BINARY_QUANTIZE)
        @VectorIndex(metric = Metric.L1, expression = VectorIndex.Expression.SUBVECTOR, dimensions = 4)
        @VectorIndex(metric = Metric.L2, name = "declared_category3_idx", where = "category = 3", concurrently = true)
        float[] embedding;
    }

    @Entity(name = "UndeclaredDoc")
    @Table(name = "undeclared_docs")
    public static class UndeclaredDoc {
        @Id
        Long id;

        @JdbcTypeCode(SqlTypes.VECTOR)
        @Array(length = 8)
        float[] embedding;
    }

    @Test
    void theDeclarationsAreTheStatementsSchemaExportRenders(TestDatabase db, @TempDir Path dir) throws Exception {
        Path script = dir.resolve("create.sql");
        Map<String, Object> settings = Map.of(AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_ACTION, "create",
                AvailableSettings.JAKARTA_HBM2DDL_SCRIPTS_CREATE_TARGET, script.toString(),
                AvailableSettings.HBM2DDL_DELIMITER, ";");
        try (SessionFactory sf = HibernateSupport.sessionFactory(db, settings, DeclaredDoc.class, UndeclaredDoc.class)) {
            List<String> exported = Arrays.stream(Files.readString(script).split(";\\R?")).map(String::strip)
                    .filter(sql -> sql.startsWith("CREATE INDEX")).toList();
            List<IndexDefinition> declared = VectorIndexDeclarations.of(sf, DeclaredDoc.class);
            assertThat(declared).hasSize(6).extracting(IndexDefinition::createSql).isEqualTo(exported);
            assertThat(declared).extracting(IndexDefinition::table).containsOnly(db.schema() + ".declared_docs");
            assertThat(VectorIndexDeclarations.of(sf, UndeclaredDoc.class)).isEmpty();
        }
    }

    @Test
    void buildingOnShardsNeedsDeclarationsAndAPartitionedTable(TestDatabase db) throws Exception {
        db.execute("create table declared_docs (id bigint primary key, category int not null, embedding vector(8))",
                "create table undeclared_docs (id bigint primary key, embedding vector(8))");
        try (SessionFactory sf = HibernateSupport.sessionFactory(db, "none", DeclaredDoc.class, UndeclaredDoc.class)) {
            IndexBuilder coordinator = IndexBuilder.using(db.dataSource());
            assertThatThrownBy(() -> VectorIndexDeclarations.buildOnShards(sf, UndeclaredDoc.class, coordinator, Map.of(),
                    p -> { })).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("UndeclaredDoc declares no @VectorIndex");
            assertThatThrownBy(() -> VectorIndexDeclarations.buildOnShards(sf, DeclaredDoc.class, coordinator, Map.of(),
                    p -> { })).isInstanceOf(VectorValidationException.class).hasMessageContaining("has no partitions");
        } finally {
            db.execute("drop table declared_docs", "drop table undeclared_docs");
        }
    }
}
