package io.github.vectororm.core.reliability;

import static io.github.vectororm.core.reliability.Fuzz.SEED;
import static io.github.vectororm.core.reliability.Fuzz.TRIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vectororm.core.IndexBuilder;
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
 * injection attempts are rejected before any SQL runs, and values are always bound. Expression indexes (halfvec cast,
 * binary quantization, subvector), partial indexes and partitioned parents (with and without CONCURRENTLY) are either
 * rendered and accepted by the server, or rejected by the definition or the catalog check, and the server agrees. For
 * CONCURRENTLY on a partitioned parent the server judges the statements IndexBuilder runs there (the index ON ONLY the
 * parent, the partition's index built concurrently and attached, the parent index then valid), not the plain
 * {@code CREATE INDEX CONCURRENTLY} that {@code createSql()} renders, which the server refuses on any partitioned table.
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
                "create table canary (n integer)", "insert into canary values (1)",
                // one row in each, so that building an index evaluates its expression the way a real table would
                "create table fx (id bigint, category integer, name text, v vector(3), h halfvec(3), s sparsevec(5), b bit(8))",
                "insert into fx values (1, 1, 'a', '[1,-2,3]', '[1,-2,3]', '{1:1,3:2}/5', '10101010')",
                "create table fxp (id bigint, category integer, name text, v vector(3), h halfvec(3), s sparsevec(5), b bit(8))"
                        + " partition by list (category)",
                "create table fxp_1 partition of fxp for values in (1)", "insert into fxp select * from fx",
                "create table fxbig (id bigint, v2000 vector(2000), v2001 vector(2001), v4000 vector(4000), v4001 vector(4001),"
                        + " h4001 halfvec(4001), v16000 vector(16000))",
                "insert into fxbig select 1, " + String.join(", ", java.util.stream.Stream.of(2000, 2001, 4000, 4001, 4001, 16000)
                        .map(n -> "array_fill(0.5::real, array[" + n + "])::vector").toList()));
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
            String opclass = opclassByHand(column.type(), metric);
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

    // ---------------------------------------------------------------- expressions, partial indexes, partitioned parents

    private static final Column[] EXPRESSION_COLUMNS = {
        new Column("v", VectorType.VECTOR, 3, "fx"), new Column("h", VectorType.HALFVEC, 3, "fx"),
        new Column("s", VectorType.SPARSEVEC, 5, "fx"), new Column("b", VectorType.BIT, 8, "fx"),
        new Column("v2000", VectorType.VECTOR, 2000, "fxbig"), new Column("v2001", VectorType.VECTOR, 2001, "fxbig"),
        new Column("v4000", VectorType.VECTOR, 4000, "fxbig"), new Column("v4001", VectorType.VECTOR, 4001, "fxbig"),
        new Column("h4001", VectorType.HALFVEC, 4001, "fxbig"), new Column("v16000", VectorType.VECTOR, 16000, "fxbig")};
    /** Predicates the server accepts on fx and fxp: the verdict depends on the rest of the declaration. */
    private static final String[] SAFE_PREDICATES = {"category = 1", "category in (1, 2)", "name is not null", "id > 0",
        "(category = 1 or name = 'a')", "v is not null", "name <> 'it''s'"};

    private enum Form { COLUMN, HALFVEC, BINARY_QUANTIZE, SUBVECTOR }

    @Test
    void expressionsPartialIndexesAndPartitionedParentsAgreeWithServer() throws SQLException {
        Random r = new Random(SEED + 43);
        Tally tally = new Tally("index expressions / partial / partitioned parent / concurrently");
        java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
        int acceptedByBoth = 0;
        int rejectedByBoth = 0;
        int onOnlyRoutes = 0;
        int onOnlyAcceptedByBoth = 0;
        int tries = Math.max(100, TRIES / 3); // each try builds an index on the server
        // IVFFlat's k-means over 2,000 dimensions needs about 80 MB: a server resource setting, not a declaration's validity
        try (Statement s = c.createStatement()) {
            s.execute("set maintenance_work_mem = '256MB'");
        }
        for (int i = 0; i < tries; i++) {
            Column column = EXPRESSION_COLUMNS[r.nextInt(EXPRESSION_COLUMNS.length)];
            String table = column.table().equals("fx") && r.nextInt(3) == 0 ? "fxp" : column.table();
            Form form = Form.values()[r.nextInt(Form.values().length)];
            IndexMethod method = r.nextInt(4) == 0 ? IndexMethod.IVFFLAT : IndexMethod.HNSW;
            // mostly the column's own type and dimensions, as a mapping declares them; sometimes not
            int dims = r.nextInt(5) != 0 ? column.dims() : pick(r, column.dims() - 1, column.dims() + 1, 1 + r.nextInt(column.dims() + 1));
            VectorType declaredType = r.nextInt(5) != 0 ? column.type() : VectorType.values()[r.nextInt(VectorType.values().length)];
            VectorType subvectorType = declaredType == VectorType.HALFVEC ? VectorType.HALFVEC : VectorType.VECTOR;
            VectorType valueType = switch (form) {
                case COLUMN -> declaredType;
                case HALFVEC -> VectorType.HALFVEC;
                case BINARY_QUANTIZE -> VectorType.BIT;
                case SUBVECTOR -> subvectorType;
            };
            // two in three draws use a metric of the value's type, so that the other parts decide the verdict
            Metric metric = Metric.values()[r.nextInt(Metric.values().length)];
            while (r.nextInt(3) != 0 && !metric.appliesTo(valueType)) {
                metric = Metric.values()[r.nextInt(Metric.values().length)];
            }
            if (form == Form.SUBVECTOR) {
                dims = pick(r, 1, column.dims() - 1, column.dims(), column.dims() + 1, 1 + r.nextInt(column.dims()), 0);
            }
            String where = !table.equals("fxbig") && r.nextInt(5) < 2 ? SAFE_PREDICATES[r.nextInt(SAFE_PREDICATES.length)] : null;
            boolean concurrently = r.nextInt(10) < 3;
            boolean ifNotExists = r.nextInt(5) == 0;
            Integer m = method == IndexMethod.HNSW && r.nextInt(4) == 0 ? 8 : null;
            Integer lists = method == IndexMethod.IVFFLAT && r.nextBoolean() ? 1 : null;

            String stage = "expression";
            String reason = null;
            IndexDefinition definition = null;
            try {
                int d = dims;
                IndexedExpression expression = switch (form) {
                    case COLUMN -> IndexedExpression.column(column.name(), declaredType, d);
                    case HALFVEC -> IndexedExpression.halfvec(column.name(), d);
                    case BINARY_QUANTIZE -> IndexedExpression.binaryQuantize(column.name(), d);
                    case SUBVECTOR -> IndexedExpression.subvector(column.name(), subvectorType, d);
                };
                stage = "definition";
                IndexDefinition.Builder builder = method == IndexMethod.HNSW ? IndexDefinition.hnsw(table, expression, metric)
                        : IndexDefinition.ivfflat(table, expression, metric);
                builder.name("fx_idx");
                if (m != null) {
                    builder.m(m).efConstruction(32);
                }
                if (lists != null) {
                    builder.lists(lists);
                }
                if (where != null) {
                    builder.where(where);
                }
                if (concurrently) {
                    builder.concurrently();
                }
                if (ifNotExists) {
                    builder.ifNotExists();
                }
                definition = builder.build();
                stage = "catalog";
                IndexBuilder.verify(c, definition);
            } catch (VectorValidationException e) {
                reason = stage + ": " + reasonOf(e.getMessage());
                assertThat(e.getMessage()).as("names the column or the type").containsAnyOf(column.name(), declaredType.sqlName(),
                        subvectorType.sqlName(), "halfvec", "bit");
            }
            tally.verdict(reason == null);
            if (reason != null) {
                reasons.merge(reason, 1, Integer::sum);
            }
            String sql;
            String serverError;
            if (concurrently && table.equals("fxp")) {
                // IndexBuilder's route on a partitioned parent: ON ONLY the parent, then the partition's index
                // concurrently, attached; rendered by IndexDefinition when the client accepts, by hand otherwise
                String parentSql;
                String partitionSql;
                if (definition != null) {
                    parentSql = definition.createOnOnlySql();
                    partitionSql = definition.on("fxp_1", "fx_idx_p1").createSql();
                } else {
                    parentSql = byHand(table, column, form, declaredType, subvectorType, dims, metric, method, m, lists, where,
                            false, true).replaceFirst(" fx_idx ON fxp ", " fx_idx ON ONLY fxp ");
                    partitionSql = byHand("fxp_1", column, form, declaredType, subvectorType, dims, metric, method, m, lists,
                            where, true, true).replaceFirst(" fx_idx ON ", " fx_idx_p1 ON ");
                }
                sql = parentSql + "; " + partitionSql + "; ALTER INDEX fx_idx ATTACH PARTITION fx_idx_p1";
                serverError = tryOnOnlyRoute(parentSql, partitionSql);
                onOnlyRoutes++;
                if (reason == null && serverError == null) {
                    onOnlyAcceptedByBoth++;
                }
            } else {
                sql = definition != null ? definition.createSql()
                        : byHand(table, column, form, declaredType, subvectorType, dims, metric, method, m, lists, where,
                                concurrently, ifNotExists);
                serverError = concurrently ? tryConcurrently(sql) : tryDdl(sql);
            }
            if (reason == null && serverError == null) {
                acceptedByBoth++;
            } else if (reason != null && serverError != null) {
                rejectedByBoth++;
            } else if (reason != null && documentedDifference(reason, form,
                    declaredType == column.type() && dims == column.dims())) {
                // the catalog check is stricter than the server, on purpose (see IndexBuilder.verify)
                tally.documented(reason + " (" + form + "), server accepts");
            } else {
                tally.disagree(sql + ": client " + (reason == null ? "accepts" : "rejects (" + reason + ")")
                        + ", server " + (serverError == null ? "accepts" : "rejects (" + serverError + ")"));
            }
        }
        try (Statement s = c.createStatement()) {
            s.execute("reset maintenance_work_mem");
        }
        tally.print();
        System.out.printf("[measure] index expressions: rejected by reason=%s; server agreed %d of %d (accepted by both %d,"
                + " rejected by both %d); CONCURRENTLY on the partitioned parent through ON ONLY + ATTACH: %d, accepted by"
                + " both %d%n", reasons, acceptedByBoth + rejectedByBoth, tally.generated, acceptedByBoth, rejectedByBoth,
                onOnlyRoutes, onOnlyAcceptedByBoth);
        assertThat(tally.disagreements).isEmpty();
        assertThat(reasons).doesNotContainKey("catalog: CONCURRENTLY on a partitioned table");
        assertThat(onOnlyAcceptedByBoth).as("CONCURRENTLY on a partitioned parent is built ON ONLY + ATTACH").isPositive();
        assertThat(acceptedByBoth).isPositive();
        assertThat(rejectedByBoth).isPositive();
        assertThat(canaryRows()).isEqualTo(1);
    }

    /**
     * Where the client is stricter than the server: a column's dimensions appear nowhere in index DDL (so a plain
     * column declared with other dimensions than its own is refused by the catalog check, or judged on the declared
     * ones), and {@code binary_quantize(v)::bit(n)} pads or truncates to any n.
     */
    private static boolean documentedDifference(String reason, Form form, boolean truthful) {
        return switch (form) {
            // a declaration that misstates the column is judged as declared (IVFFlat on "1 dimension", say)
            case COLUMN -> !truthful;
            // a vector has at most 16,000 dimensions, so the client refuses a longer quantization the server would pad
            case BINARY_QUANTIZE -> reason.equals("catalog: dimensions differ from the column's")
                    || reason.equals("expression: dimensions out of the type's range");
            default -> false;
        };
    }

    private static String reasonOf(String message) {
        if (message.contains("partitioned")) {
            return "CONCURRENTLY on a partitioned table";
        } else if (message.contains("needs a column of type")) {
            return "column type";
        } else if (message.contains("the declaration says")) {
            return "dimensions differ from the column's";
        } else if (message.contains("does not apply to")) {
            return "metric does not apply to the type";
        } else if (message.contains("cannot index")) {
            return "no opclass for method and type";
        } else if (message.contains("indexes") && message.contains("up to")) {
            return "too many dimensions for the index";
        } else if (message.contains("needs more than one dimension")) {
            return "IVFFlat spherical k-means on one dimension";
        } else if (message.contains("dimension")) {
            return "dimensions out of the type's range";
        } else if (message.contains("subvector applies")) {
            return "subvector of a sparsevec or bit";
        }
        return message;
    }

    /** The declaration as SQL when the client would not render it, so the server can give its verdict too. */
    private static String byHand(String table, Column column, Form form, VectorType declaredType, VectorType subvectorType,
            int dims, Metric metric, IndexMethod method, Integer m, Integer lists, String where, boolean concurrently,
            boolean ifNotExists) {
        VectorType valueType = switch (form) {
            case COLUMN -> declaredType;
            case HALFVEC -> VectorType.HALFVEC;
            case BINARY_QUANTIZE -> VectorType.BIT;
            case SUBVECTOR -> subvectorType;
        };
        String expression = switch (form) {
            case COLUMN -> column.name();
            case HALFVEC -> "(" + column.name() + "::halfvec(" + dims + "))";
            case BINARY_QUANTIZE -> "(binary_quantize(" + column.name() + ")::bit(" + dims + "))";
            case SUBVECTOR -> "(subvector(" + column.name() + ", 1, " + dims + ")::" + subvectorType.sqlName() + "(" + dims + "))";
        };
        String opclass = opclassByHand(valueType, metric);
        List<String> with = new ArrayList<>();
        if (m != null) {
            with.add("m = " + m);
            with.add("ef_construction = 32");
        }
        if (lists != null) {
            with.add("lists = " + lists);
        }
        return "CREATE INDEX " + (concurrently ? "CONCURRENTLY " : "") + (ifNotExists ? "IF NOT EXISTS " : "") + "fx_idx ON "
                + table + " USING " + method.name().toLowerCase(Locale.ROOT) + " (" + expression + " " + opclass + ")"
                + (with.isEmpty() ? "" : " WITH (" + String.join(", ", with) + ")") + (where == null ? "" : " WHERE " + where);
    }

    /**
     * IndexBuilder's route for CONCURRENTLY on a partitioned parent, in autocommit: the index ON ONLY the parent, the
     * partition's index concurrently, ATTACH, and the parent index valid afterwards; then drops what it left.
     */
    private static String tryOnOnlyRoute(String parentSql, String partitionSql) throws SQLException {
        String error = null;
        try (Statement s = c.createStatement()) {
            try {
                s.execute(parentSql);
                s.execute(partitionSql);
                s.execute("ALTER INDEX fx_idx ATTACH PARTITION fx_idx_p1");
                try (ResultSet rs = s.executeQuery("select indisvalid from pg_index where indexrelid = 'fx_idx'::regclass")) {
                    rs.next();
                    if (!rs.getBoolean(1)) {
                        error = "parent index fx_idx not valid after attaching its only partition's index";
                    }
                }
            } catch (SQLException e) {
                error = e.getSQLState() + " " + e.getMessage();
            }
            s.execute("drop index if exists fx_idx"); // takes the attached partition index with it
            s.execute("drop index if exists fx_idx_p1");
        }
        assertThat(canaryRows()).as("canary intact after %s; %s", parentSql, partitionSql).isEqualTo(1);
        return error;
    }

    /** CONCURRENTLY cannot run in a transaction block: runs it in autocommit, then drops what it left (valid or not). */
    private static String tryConcurrently(String sql) throws SQLException {
        String error = null;
        try (Statement s = c.createStatement()) {
            try {
                s.execute(sql);
            } catch (SQLException e) {
                error = e.getSQLState() + " " + e.getMessage();
            }
            s.execute("drop index if exists fx_idx");
        }
        assertThat(canaryRows()).as("canary intact after %s", sql).isEqualTo(1);
        return error;
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

    /** The opclass name written out by hand, independently of {@code Metric}, for declarations the client refuses. */
    private static String opclassByHand(VectorType type, Metric metric) {
        return type.sqlName() + "_" + switch (metric) {
            case L2 -> "l2";
            case INNER_PRODUCT -> "ip";
            case COSINE -> "cosine";
            case L1 -> "l1";
            case HAMMING -> "hamming";
            case JACCARD -> "jaccard";
        } + "_ops";
    }
}
