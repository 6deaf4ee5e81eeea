package io.github.vectororm.test.conformance;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One server call from pgvector's regression expectations ({@code test/sql/*.sql} and {@code test/expected/*.out}
 * of its source package): the statement as pgvector's test writes it, the call and its arguments, and the
 * server's answer.
 *
 * @param source the expectation file, without {@code .out}, e.g. {@code vector_type}
 * @param sql the statement, verbatim, with literals: the oracle runs it as is
 * @param call the function, operator or cast
 * @param target for {@link Call#CAST}: the type cast to, e.g. {@code halfvec}; for an aggregate the rows' type;
 *     otherwise {@code null}
 * @param typmod for {@link Call#CAST}: the dimensions in the target type ({@code vector(3)}), -1 for none
 * @param args the arguments, in order; for an aggregate the rows
 * @param expected the server's answer
 * @since 0.1.0
 */
public record PgVectorCase(String source, String sql, Call call, String target, int typmod, List<Arg> args,
        Expected expected) {

    /** What a call returns, for comparing values. */
    public enum Result {
        /** {@code double precision}. */
        DOUBLE,
        /** {@code integer}. */
        INTEGER,
        /** {@code vector}. */
        VECTOR,
        /** {@code halfvec}. */
        HALFVEC,
        /** {@code sparsevec}. */
        SPARSEVEC,
        /** {@code bit}. */
        BIT
    }

    /**
     * The server's answer.
     *
     * @param error whether the server raises an error
     * @param text the value as {@code psql} prints it, the error message without {@code ERROR:}, or {@code null}
     *     for SQL NULL
     * @param real whether pgvector's test casts the double result to {@code real} (compare as float)
     */
    public record Expected(boolean error, String text, boolean real) {
    }

    /** {@return the type of the call's result} */
    public Result result() {
        return switch (call) {
            case VECTOR_DIMS -> Result.INTEGER;
            case BINARY_QUANTIZE -> Result.BIT;
            case L2_NORMALIZE, SUBVECTOR -> Result.valueOf(args.get(0).kind().name());
            case CAST, AVG, SUM -> Result.valueOf(target.toUpperCase(java.util.Locale.ROOT));
            default -> Result.DOUBLE;
        };
    }

    /** {@return the first argument} */
    public Arg first() {
        return args.get(0);
    }

    /** {@return the second argument} */
    public Arg second() {
        return args.get(1);
    }

    /** {@return the cast's target type with its dimensions if any, e.g. {@code halfvec(3)}} */
    public String targetSql() {
        return typmod < 0 ? target : target + "(" + typmod + ")";
    }

    /**
     * The statement with a {@code ?} for each argument, for a mode that binds them: {@code SELECT fn(?, ?)},
     * {@code SELECT ? <-> ?}, {@code SELECT CAST(? AS type(n))}, or for an aggregate
     * {@code SELECT avg(v) FROM (VALUES (CAST(? AS vector)), ...) t(v)}.
     *
     * @return the SQL
     */
    public String boundSql() {
        String marks = args.stream().map(a -> "?").collect(Collectors.joining(", "));
        if (call.isAggregate()) {
            String rows = args.isEmpty() ? "(SELECT CAST(NULL AS " + target + ") AS v WHERE false) t"
                    : "(VALUES " + args.stream().map(a -> "(CAST(? AS " + target + "))").collect(Collectors.joining(", "))
                    + ") t(v)";
            return "SELECT " + call.function() + "(v) FROM " + rows;
        }
        if (call == Call.CAST) {
            return "SELECT CAST(? AS " + targetSql() + ")";
        }
        return call.operator() != null ? "SELECT ? " + call.operator() + " ?" : "SELECT " + call.function() + "(" + marks + ")";
    }

    @Override
    public String toString() {
        return source + ": " + sql;
    }
}
