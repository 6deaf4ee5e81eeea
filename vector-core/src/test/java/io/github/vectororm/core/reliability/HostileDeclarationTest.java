package io.github.vectororm.core.reliability;

import static io.github.vectororm.core.reliability.Fuzz.SEED;
import static io.github.vectororm.core.reliability.Fuzz.TRIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexMethod;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.core.search.Filter;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Index declarations from a fixed seed: numeric options, metric/type/method combinations and dimension limits are
 * accepted by the client exactly when the server accepts them; identifiers and partial-index predicates carrying
 * injection attempts are rejected before any SQL runs, and values are always bound.
 */
@PgVectorDatabase
class HostileDeclarationTest {

    private static Connection c;
    private static Connection observer;
    private static int pid;

    @BeforeAll
    static void setUp(TestDatabase db) throws SQLException {
        db.execute("create table fz (id bigint, category integer, name text, v vector(3), h halfvec(3), s sparsevec(5), b bit(8))",
                "create table fzbig (v2000 vector(2000), v2001 vector(2001), h4000 halfvec(4000), h4001 halfvec(4001),"
                        + " b64000 bit(64000), b64001 bit(64001), s5 sparsevec(100000))",
                "create table canary (n integer)", "insert into canary values (1)");
        c = db.connect();
        observer = db.connect();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
    }

    @AfterAll
    static void close() throws SQLException {
        c.close();
        observer.close();
    }

    private record Column(String name, VectorType type, int dims, String table) {
    }

    private static final Column[] COLUMNS = {
        new Column("v", VectorType.VECTOR, 3, "fz"), new Column("h", VectorType.HALFVEC, 3, "fz"),
        new Column("s", VectorType.SPARSEVEC, 5, "fz"), new Column("b", VectorType.BIT, 8, "fz"),
        new Column("v2000", VectorType.VECTOR, 2000, "fzbig"), new Column("v2001", VectorType.VECTOR, 2001, "fzbig"),
        new Column("h4000", VectorType.HALFVEC, 4000, "fzbig"), new Column("h4001", VectorType.HALFVEC, 4001, "fzbig"),
        new Column("b64000", VectorType.BIT, 64000, "fzbig"), new Column("b64001", VectorType.BIT, 64001, "fzbig"),
        new Column("s5", VectorType.SPARSEVEC, 100000, "fzbig")};

    @Test
    void optionsMetricsAndDimensionsAgreeWithServer() throws SQLException {
        Random r = new Random(SEED + 40);
        Tally tally = new Tally("index options / metric / type / dimensions");
        int tries = Math.max(100, TRIES / 3); // each try builds an index on the server
        for (int i = 0; i < tries; i++) {
            Column column = COLUMNS[r.nextInt(COLUMNS.length)];
            Metric metric = Metric.values()[r.nextInt(Metric.values().length)];
            IndexMethod method = r.nextBoolean() ? IndexMethod.HNSW : IndexMethod.IVFFLAT;
            Integer m = r.nextInt(3) == 0 ? null : pick(r, -1, 0, 1, 2, 16, 50, 100, 101, r.nextInt(120));
            Integer ef = r.nextInt(3) == 0 ? null : pick(r, 0, 3, 4, 8, 31, 32, 64, 200, 1000, 1001, r.nextInt(1100));
            Integer lists = r.nextInt(3) == 0 ? null : pick(r, -5, 0, 1, 2, 100, 32768, 32769, r.nextInt(200));
            if (method == IndexMethod.HNSW && r.nextInt(4) != 0) {
                lists = null;
            }
            if (method == IndexMethod.IVFFLAT && r.nextInt(4) != 0) {
                m = null;
                ef = null;
            }
            IndexDefinition.Builder builder = method == IndexMethod.HNSW
                    ? IndexDefinition.hnsw(column.table(), IndexedExpression.column(column.name(), column.type(), column.dims()), metric)
                    : IndexDefinition.ivfflat(column.table(), IndexedExpression.column(column.name(), column.type(), column.dims()), metric);
            if (m != null) {
                builder.m(m);
            }
            if (ef != null) {
                builder.efConstruction(ef);
            }
            if (lists != null) {
                builder.lists(lists);
            }
            builder.name("fz_idx");
            IndexDefinition definition = null;
            VectorValidationException rejection = null;
            try {
                definition = builder.build();
            } catch (VectorValidationException e) {
                rejection = e;
                assertThat(e.getMessage()).as("names the index target or the type").containsAnyOf(column.name(), column.type().sqlName());
            }
            tally.verdict(rejection == null);
            // the same declaration rendered by hand when the client refuses to render it
            String opclass = column.type().sqlName() + "_" + switch (metric) {
                case L2 -> "l2";
                case INNER_PRODUCT -> "ip";
                case COSINE -> "cosine";
                case L1 -> "l1";
                case HAMMING -> "hamming";
                case JACCARD -> "jaccard";
            } + "_ops";
            List<String> with = new ArrayList<>();
            if (m != null) {
                with.add("m = " + m);
            }
            if (ef != null) {
                with.add("ef_construction = " + ef);
            }
            if (lists != null) {
                with.add("lists = " + lists);
            }
            String sql = definition != null ? definition.createSql()
                    : "CREATE INDEX fz_idx ON " + column.table() + " USING " + method.name().toLowerCase(Locale.ROOT)
                            + " (" + column.name() + " " + opclass + ")" + (with.isEmpty() ? "" : " WITH (" + String.join(", ", with) + ")");
            String serverError = tryDdl(sql);
            if ((rejection == null) != (serverError == null)) {
                tally.disagree(sql + ": client " + (rejection == null ? "accepts" : "rejects (" + rejection.getMessage() + ")")
                        + ", server " + (serverError == null ? "accepts" : "rejects (" + serverError + ")"));
            }
        }
        tally.print();
        assertThat(tally.disagreements).isEmpty();
        assertThat(tally.accepted).isPositive();
        assertThat(tally.rejected).isPositive();
    }

    // ---------------------------------------------------------------- identifiers

    private static final String[] INJECTIONS = {"\"; drop table canary; --", "x'", "x\"", "a;b", "a--b", "a/*b*/", "$$a$$",
        "a$$", "a\u2019b", "a\u02bcb", "a\u0000b", "a\\b", "\"a\u0000\"", "U&\"\\0041\"", "a b", "a.b.c", "\"x\"; drop",
        "select", "\"\"", "\"", "x)", "(x", "v varchar", "1a", "\u00e9t\u00e9", "v\n;drop table canary", "\"a\"\"b\"",
        "\"a\"b\"", "\"a\"\"\"", "public.\"fz\";drop", "fz --", "e'\\''", "x".repeat(64), "\"" + "y".repeat(63) + "\"",
        "\"semi;colon\"", "\"dash--dash\"", "\"$$\"", "\"quote'\""};

    @Test
    void identifiersCarryingSqlAreRejectedBeforeAnySqlRuns() throws SQLException {
        Random r = new Random(SEED + 41);
        Tally tally = new Tally("identifiers (table, column, index name) with injection attempts");
        for (int i = 0; i < TRIES; i++) {
            String hostile = INJECTIONS[r.nextInt(INJECTIONS.length)];
            if (r.nextInt(3) == 0) {
                hostile = mutate(r, "fz");
            }
            int where = r.nextInt(4);
            String table = where == 0 ? hostile : "fz";
            String column = where == 1 ? hostile : "v";
            String name = where == 2 ? hostile : "fz_idx";
            String schemaTable = where == 3 ? hostile + ".fz" : table;
            String marker = marker(i);
            Supplier<IndexDefinition> declare = () -> IndexDefinition.hnsw(schemaTable,
                    IndexedExpression.column(column, VectorType.VECTOR, 3), Metric.L2).name(name).build();
            VectorValidationException rejection = null;
            IndexDefinition definition = null;
            try {
                definition = declare.get();
            } catch (VectorValidationException e) {
                rejection = e;
                assertThat(e.getMessage()).as("says what name is wrong").containsAnyOf("name", "'.'");
            }
            tally.verdict(rejection == null);
            // the same names through the COPY writer, on a connection whose last statement is a marker
            VectorValidationException copyRejection = null;
            try (VectorCopyWriter w = VectorCopyWriter.into(c, schemaTable).column(column, CopyType.VECTOR).open()) {
                w.finish();
            } catch (VectorValidationException e) {
                copyRejection = e;
            } catch (SQLException e) {
                // a well-formed name of a table or column that does not exist: the server refuses it
                assertThat(e.getSQLState()).as(e.getMessage()).isIn("42P01", "42703", "3F000");
            }
            if (rejection != null && where != 2) {
                assertThat(copyRejection).as("COPY refuses the same %s name %s", where == 1 ? "column" : "table", hostile)
                        .isNotNull();
                assertThat(lastStatementOf(c)).as("no SQL reached the server").isEqualTo(marker);
            }
            if (definition != null) {
                String error = tryDdl(definition.createSql());
                if (error != null && !(error.startsWith("42P01") || error.startsWith("42703") || error.startsWith("3F000")
                        || error.startsWith("42P07"))) {
                    tally.disagree("accepted " + hostile + " but the server says " + error + " for " + definition.createSql());
                }
            }
        }
        tally.print();
        assertThat(tally.disagreements).isEmpty();
        assertThat(canaryRows()).as("the canary table survived every attempt").isEqualTo(1);
    }

    // ---------------------------------------------------------------- partial-index predicates

    private static final String[] PREDICATES = {"category = 1", "category in (1, 2)", "name = 'o''brien'", "\"category\" > 3",
        "name like 'a%'", "(category = 1 or category = 2)", "name = 'a;b'", "name = '--x'", "name = '/*x*/'", "name = '$$'",
        "name = 'back\\slash'", "id is not null"};
    private static final String[] ATTACKS = {"; drop table canary", "; drop table canary; --", " -- comment", " /* c */",
        " or $$x$$ = 'x'", " or id = $1", " or name = E'\\x27'", "\\", "'", "\"", ")", "(", "\u0000", " or name = \u2019x\u2019",
        " or name = U&'\\0041'", ") ; drop table canary; select (1", "' ; drop table canary; --", "\"; drop table canary; --",
        " or name = 'x'';drop table canary;--'", "\n;\ndrop table canary", " or name = $tag$x$tag$", "/", "*/", "--"};

    @Test
    void partialIndexPredicatesNeverCarryASecondStatement() throws SQLException {
        Random r = new Random(SEED + 42);
        Tally tally = new Tally("partial-index where clauses with injection attempts");
        int serverErrors = 0;
        for (int i = 0; i < TRIES; i++) {
            String base = PREDICATES[r.nextInt(PREDICATES.length)];
            String predicate = r.nextInt(4) == 0 ? base : r.nextBoolean() ? base + ATTACKS[r.nextInt(ATTACKS.length)]
                    : insertAt(r, base, ATTACKS[r.nextInt(ATTACKS.length)]);
            IndexDefinition definition = null;
            try {
                definition = IndexDefinition.hnsw("fz", IndexedExpression.column("v", VectorType.VECTOR, 3), Metric.L2)
                        .name("fz_partial_idx").where(predicate).build();
                Filter.of(predicate.replace("?", "")); // the search filter uses the same check
            } catch (VectorValidationException e) {
                assertThat(e.getMessage()).startsWith("partial index predicate");
                tally.verdict(false);
                continue;
            }
            tally.verdict(true);
            // accepted: it must be one expression, so the DDL is one statement; run it and check the canary inside
            String error = tryDdl(definition.createSql());
            if (error != null) {
                serverErrors++;
            }
        }
        System.out.printf("[measure] accepted predicates the server then refused as a single bad expression: %d%n", serverErrors);
        tally.print();
        assertThat(canaryRows()).isEqualTo(1);
        assertThat(tally.rejected).isPositive();
        assertThat(tally.accepted).isPositive();
    }

    @Test
    void valuesAreBoundNeverConcatenated() throws SQLException {
        List<String> hostile = new ArrayList<>();
        for (String attack : ATTACKS) {
            if (attack.indexOf('\u0000') < 0) { // PostgreSQL text cannot hold NUL at all
                hostile.add("x" + attack);
            }
        }
        for (String injection : INJECTIONS) {
            if (injection.indexOf('\u0000') < 0) {
                hostile.add(injection);
            }
        }
        c.setAutoCommit(false);
        try (VectorCopyWriter w = VectorCopyWriter.into(c, "fz").column("id", CopyType.BIGINT).column("name", CopyType.TEXT)
                .column("v", CopyType.VECTOR).open()) {
            for (int i = 0; i < hostile.size(); i++) {
                w.addRow((long) i, hostile.get(i), new float[] {i, 1, 2});
            }
            w.finish();
        }
        int matched = 0;
        for (int i = 0; i < hostile.size(); i++) {
            Filter filter = Filter.of("name = ? and id = ?", hostile.get(i), (long) i);
            assertThat(filter.sql()).doesNotContain(hostile.get(i));
            try (PreparedStatement ps = c.prepareStatement("select count(*) from fz where " + filter.sql())) {
                for (int p = 0; p < filter.parameters().size(); p++) {
                    ps.setObject(p + 1, filter.parameters().get(p));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    matched += rs.getInt(1);
                }
            }
        }
        c.rollback();
        c.setAutoCommit(true);
        System.out.printf("[measure] hostile strings written by COPY and found again through bound filters: %d of %d%n",
                matched, hostile.size());
        assertThat(matched).isEqualTo(hostile.size());
        assertThat(canaryRows()).isEqualTo(1);
        assertThatThrownBy(() -> Filter.of("name = ?; drop table canary", "x")).isInstanceOf(VectorValidationException.class);
    }

    // ---------------------------------------------------------------- helpers

    /** Runs DDL in a rolled-back transaction; returns "SQLSTATE message" or null; checks the canary inside it. */
    private static String tryDdl(String sql) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            Savepoint before = c.setSavepoint();
            String error = null;
            try {
                s.execute(sql);
            } catch (SQLException e) {
                error = e.getSQLState() + " " + e.getMessage();
                c.rollback(before);
            }
            try (ResultSet rs = s.executeQuery("select count(*) from canary")) {
                rs.next();
                assertThat(rs.getInt(1)).as("canary intact after %s", sql).isEqualTo(1);
            }
            return error;
        } finally {
            c.rollback();
            c.setAutoCommit(true);
        }
    }

    private static String marker(int i) throws SQLException {
        String marker = "select 'marker " + i + "'";
        try (Statement s = c.createStatement()) {
            s.execute(marker);
        }
        return marker;
    }

    /** What the server last received on the tested connection, read from another one (pg_stat_activity). */
    private static String lastStatementOf(Connection connection) throws SQLException {
        assertThat(connection).isSameAs(c);
        try (PreparedStatement ps = observer.prepareStatement("select query from pg_stat_activity where pid = ?")) {
            ps.setInt(1, pid);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return rs.getString(1);
            }
        }
    }

    private static int canaryRows() throws SQLException {
        try (Statement s = observer.createStatement(); ResultSet rs = s.executeQuery("select count(*) from canary")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static Integer pick(Random r, int... choices) {
        return choices[r.nextInt(choices.length)];
    }

    private static String mutate(Random r, String base) {
        String chars = "'\";-/*$\\\u0000 ()\u2019\n.";
        StringBuilder s = new StringBuilder(base);
        for (int k = 0; k < 1 + r.nextInt(3); k++) {
            s.insert(r.nextInt(s.length() + 1), chars.charAt(r.nextInt(chars.length())));
        }
        return s.toString();
    }

    private static String insertAt(Random r, String base, String insert) {
        int at = r.nextInt(base.length() + 1);
        return base.substring(0, at) + insert + base.substring(at);
    }
}
