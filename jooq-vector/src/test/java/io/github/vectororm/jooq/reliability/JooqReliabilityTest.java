package io.github.vectororm.jooq.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.github.vectororm.core.IterativeScan;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.jooq.VectorTransactions;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** jOOQ over a HikariCP pool of one: VectorTransactions.withSettings never leaves settings on the connection. */
@PgVectorDatabase
class JooqReliabilityTest {

    private static final SearchSettings SETTINGS = SearchSettings.builder().hnswEfSearch(222)
            .hnswIterativeScan(IterativeScan.STRICT_ORDER).ivfflatProbes(7).exact(true).build();

    @Test
    void withSettingsIsTransactionScopedHoweverTheWorkEnds(TestDatabase db) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(PgVectorTypes.withBinaryTransfer(db.jdbcUrl()));
        config.setMaximumPoolSize(1);
        int checks = 0;
        try (HikariDataSource pool = new HikariDataSource(config)) {
            DSLContext dsl = DSL.using(pool, SQLDialect.POSTGRES);
            dsl.execute("create table j (id bigint, embedding vector(3))");
            dsl.execute("insert into j select g, array[g, 1, 1]::vector from generate_series(1, 50) g");
            // 1. committed
            String inside = VectorTransactions.withSettings(dsl, SETTINGS,
                    tx -> tx.dsl().fetchValue(DSL.field("current_setting('hnsw.ef_search')", String.class)));
            assertThat(inside).isEqualTo("222");
            checks += expectDefaults(dsl);
            // 2. the work throws
            Throwable thrown = catchThrowable(() -> VectorTransactions.withSettings(dsl, SETTINGS, tx -> {
                tx.dsl().fetch("select id from j order by embedding <-> '[1,1,1]' limit 3");
                throw new IllegalStateException("application failure inside the transaction");
            }));
            assertThat(thrown).hasMessageContaining("application failure");
            checks += expectDefaults(dsl);
            // 3. the query fails on the server
            thrown = catchThrowable(() -> VectorTransactions.withSettings(dsl, SETTINGS,
                    tx -> tx.dsl().fetch("select id / 0 from j order by embedding <-> '[1,1,1]' limit 3")));
            assertThat(sqlState(thrown)).isEqualTo("22012");
            checks += expectDefaults(dsl);
            // 4. SET LOCAL statement_timeout cancels the query
            thrown = catchThrowable(() -> VectorTransactions.withSettings(dsl, SETTINGS, tx -> {
                tx.dsl().fetch("select set_config('statement_timeout', '50', true)");
                return tx.dsl().fetch("select id from j where pg_sleep(30) is not null order by embedding <-> '[1,1,1]' limit 3");
            }));
            System.out.printf("[measure] jOOQ withSettings under statement_timeout: %s / SQLState %s%n",
                    thrown.getClass().getName(), sqlState(thrown));
            assertThat(sqlState(thrown)).isEqualTo("57014");
            checks += expectDefaults(dsl);
            // 5. a jOOQ query timeout (Statement.setQueryTimeout)
            thrown = catchThrowable(() -> VectorTransactions.withSettings(dsl, SETTINGS,
                    tx -> tx.dsl().resultQuery("select pg_sleep(30)").queryTimeout(1).fetch()));
            assertThat(sqlState(thrown)).isEqualTo("57014");
            checks += expectDefaults(dsl);
        }
        System.out.printf("[measure] jOOQ: %d borrowers after VectorTransactions.withSettings (committed, thrown, failed,"
                + " statement_timeout, queryTimeout) saw server defaults on the one pooled connection%n", checks);
    }

    private static int expectDefaults(DSLContext dsl) {
        Record r = dsl.fetchOne("select current_setting('hnsw.ef_search') ef, current_setting('hnsw.iterative_scan') scan,"
                + " current_setting('ivfflat.probes') probes, current_setting('enable_indexscan') idx,"
                + " current_setting('statement_timeout') timeout");
        assertThat(r.get("ef", String.class)).isEqualTo("40");
        assertThat(r.get("scan", String.class)).isEqualTo("off");
        assertThat(r.get("probes", String.class)).isEqualTo("1");
        assertThat(r.get("idx", String.class)).isEqualTo("on");
        assertThat(r.get("timeout", String.class)).isEqualTo("0");
        return 1;
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
