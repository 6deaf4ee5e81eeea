package io.github.vectororm.hibernate;

import io.github.vectororm.core.IndexBuilder;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.hibernate.internal.VectorIndexObject;
import jakarta.persistence.EntityManagerFactory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/**
 * An entity's {@link VectorIndex} declarations as vector-core {@link IndexDefinition}s, and their builds where schema
 * export cannot run them: on the shards of a partitioned table whose partitions are {@code postgres_fdw} foreign tables.
 * PostgreSQL refuses {@code CREATE INDEX} on such a parent (and an index on a foreign table would not exist on the
 * shard), so the {@code CREATE INDEX} schema export renders for the declaration fails there; map the entity with
 * {@code hbm2ddl} {@code none} (the shards' tables come from a migration) and build its declared indexes on every
 * shard with {@link #buildOnShards}:
 *
 * <pre>{@code
 * List<IndexBuilder.ShardIndex> built = VectorIndexDeclarations.buildOnShards(entityManagerFactory, Doc.class,
 *         IndexBuilder.using(coordinatorDataSource).maintenanceWorkMem("1GB"),
 *         Map.of("shard1", shard1DataSource, "shard2", shard2DataSource), progress -> log(progress));
 * }</pre>
 * The declarations are the ones schema export reads (same validation, names and options), taken from the attributes'
 * fields or getters.
 *
 * @since 0.1.0
 */
public final class VectorIndexDeclarations {

    private VectorIndexDeclarations() {
    }

    /**
     * The indexes an entity declares, on its table as Hibernate qualifies it, in attribute order and, on one attribute,
     * in declaration order.
     *
     * @param entityManagerFactory the EntityManagerFactory or SessionFactory mapping the entity
     * @param entityClass the entity type
     * @return the definitions ({@code IF NOT EXISTS}); empty if the entity declares none
     * @throws org.hibernate.MappingException naming entity, attribute and rule for an invalid declaration
     * @since 0.1.0
     */
    public static List<IndexDefinition> of(EntityManagerFactory entityManagerFactory, Class<?> entityClass) {
        return VectorIndexObject.declaredOn(entityManagerFactory.unwrap(SessionFactoryImplementor.class),
                Objects.requireNonNull(entityClass, "entityClass"));
    }

    /**
     * Builds every index an entity declares on each leaf partition of its (partitioned) table, on the server holding
     * the leaf's rows: {@link IndexBuilder#buildOnShards} for each declaration in turn, with the builder's settings
     * ({@code maintenance_work_mem}, parallel workers), each shard over its own DataSource. Idempotent ({@code IF NOT
     * EXISTS}): a rerun after a failure continues with the shards still missing an index.
     *
     * @param entityManagerFactory the EntityManagerFactory or SessionFactory mapping the entity
     * @param entityClass an entity mapped to a partitioned table on the coordinator
     * @param coordinator an index builder on the coordinator's DataSource, where the partitioned table is
     * @param shards a DataSource to each foreign server's database, by the server's name ({@code pg_foreign_server});
     *        the coordinator cannot lend its user mappings' credentials, so the application supplies them
     * @param progress called with each declaration's progress in turn, each ending with its {@code done}
     * @return one entry per declaration and leaf partition: declarations in {@link #of} order, leaves in name order
     * @throws IllegalArgumentException if the entity declares no {@link VectorIndex}
     * @throws io.github.vectororm.core.VectorValidationException if the table is not partitioned or a foreign server
     *         has no DataSource (before any DDL)
     * @throws SQLException if a build fails; the indexes built before it stay
     * @since 0.1.0
     */
    public static List<IndexBuilder.ShardIndex> buildOnShards(EntityManagerFactory entityManagerFactory,
            Class<?> entityClass, IndexBuilder coordinator, Map<String, DataSource> shards,
            Consumer<IndexBuilder.Progress> progress) throws SQLException {
        Objects.requireNonNull(coordinator, "coordinator");
        Objects.requireNonNull(shards, "shards");
        Objects.requireNonNull(progress, "progress");
        List<IndexDefinition> declared = of(entityManagerFactory, entityClass);
        if (declared.isEmpty()) {
            throw new IllegalArgumentException(entityClass.getSimpleName() + " declares no @VectorIndex");
        }
        List<IndexBuilder.ShardIndex> built = new ArrayList<>();
        for (IndexDefinition index : declared) {
            built.addAll(coordinator.buildOnShards(index, shards, progress));
        }
        return List.copyOf(built);
    }
}
