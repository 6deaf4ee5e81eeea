package io.github.vectororm.spring.shards;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.Array;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** A row of a table partitioned by tenant over two postgres_fdw shards. */
@Entity
@Table(name = "shard_items")
public class ShardItem {

    @Id
    private Long id;

    private int tenant;

    private int category;

    private String body;

    @JdbcTypeCode(SqlTypes.VECTOR)
    @Array(length = ShardedRepositoryTest.DIMS)
    private float[] embedding;

    protected ShardItem() {
    }

    public Long getId() {
        return id;
    }

    public int getTenant() {
        return tenant;
    }

    public int getCategory() {
        return category;
    }

    public String getBody() {
        return body;
    }
}
