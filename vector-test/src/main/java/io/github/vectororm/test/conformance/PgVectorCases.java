package io.github.vectororm.test.conformance;

import java.util.List;

/**
 * pgvector 0.8.0's own expectations, one row per server call: every statement of its regression tests
 * ({@code test/expected/{vector_type,halfvec,sparsevec,bit,cast}.out} in the source package) that calls a
 * function, operator, input or cast one of vector-orm's adapters exposes: the distances, norms,
 * {@code l2_normalize}, {@code binary_quantize}, {@code subvector}, {@code vector_dims}, the aggregates {@code avg} and
 * {@code sum}, text input and the casts between the vector types and from float arrays. Left out: comparison
 * operators, arithmetic and concatenation, btree support functions, array functions, and multi-row results, which
 * no adapter exposes. Rows from {@code vector-orm} add calls pgvector's tests leave out (invalid
 * values reaching a function, halfvec normalization that rounds, bit strings of unequal length, norms of bits),
 * with the answers pgvector 0.8.0 gives.
 *
 * <p>The rows are written by {@code scripts/pgvector-cases.py} from the expectation files; the
 * {@link Differential#oracle oracle} checks each against the running server.
 *
 * @since 0.1.0
 */
public final class PgVectorCases {

    /** Every case, in the order of pgvector's files. */
    public static final List<PgVectorCase> ALL = List.of(
        row("vector_type", "SELECT '[1,2,3]'::vector;", value("[1,2,3]"), to("vector", -1), text("[1,2,3]")),
        row("vector_type", "SELECT '[-1,-2,-3]'::vector;", value("[-1,-2,-3]"), to("vector", -1), text("[-1,-2,-3]")),
        row("vector_type", "SELECT '[1.,2.,3.]'::vector;", value("[1,2,3]"), to("vector", -1), text("[1.,2.,3.]")),
        row("vector_type", "SELECT ' [ 1,  2 ,    3  ] '::vector;", value("[1,2,3]"), to("vector", -1), text(" [ 1,  2 ,    3  ] ")),
        row("vector_type", "SELECT '[1.23456]'::vector;", value("[1.23456]"), to("vector", -1), text("[1.23456]")),
        row("vector_type", "SELECT '[hello,1]'::vector;", error("invalid input syntax for type vector: \"[hello,1]\""), to("vector", -1), text("[hello,1]")),
        row("vector_type", "SELECT '[NaN,1]'::vector;", error("NaN not allowed in vector"), to("vector", -1), text("[NaN,1]")),
        row("vector_type", "SELECT '[Infinity,1]'::vector;", error("infinite value not allowed in vector"), to("vector", -1), text("[Infinity,1]")),
        row("vector_type", "SELECT '[-Infinity,1]'::vector;", error("infinite value not allowed in vector"), to("vector", -1), text("[-Infinity,1]")),
        row("vector_type", "SELECT '[1.5e38,-1.5e38]'::vector;", value("[1.5e+38,-1.5e+38]"), to("vector", -1), text("[1.5e38,-1.5e38]")),
        row("vector_type", "SELECT '[1.5e+38,-1.5e+38]'::vector;", value("[1.5e+38,-1.5e+38]"), to("vector", -1), text("[1.5e+38,-1.5e+38]")),
        row("vector_type", "SELECT '[1.5e-38,-1.5e-38]'::vector;", value("[1.5e-38,-1.5e-38]"), to("vector", -1), text("[1.5e-38,-1.5e-38]")),
        row("vector_type", "SELECT '[4e38,1]'::vector;", error("\"4e38\" is out of range for type vector"), to("vector", -1), text("[4e38,1]")),
        row("vector_type", "SELECT '[-4e38,1]'::vector;", error("\"-4e38\" is out of range for type vector"), to("vector", -1), text("[-4e38,1]")),
        row("vector_type", "SELECT '[1e-46,1]'::vector;", value("[0,1]"), to("vector", -1), text("[1e-46,1]")),
        row("vector_type", "SELECT '[-1e-46,1]'::vector;", value("[-0,1]"), to("vector", -1), text("[-1e-46,1]")),
        row("vector_type", "SELECT '[1,2,3'::vector;", error("invalid input syntax for type vector: \"[1,2,3\""), to("vector", -1), text("[1,2,3")),
        row("vector_type", "SELECT '[1,2,3]9'::vector;", error("invalid input syntax for type vector: \"[1,2,3]9\""), to("vector", -1), text("[1,2,3]9")),
        row("vector_type", "SELECT '1,2,3'::vector;", error("invalid input syntax for type vector: \"1,2,3\""), to("vector", -1), text("1,2,3")),
        row("vector_type", "SELECT ''::vector;", error("invalid input syntax for type vector: \"\""), to("vector", -1), text("")),
        row("vector_type", "SELECT '['::vector;", error("invalid input syntax for type vector: \"[\""), to("vector", -1), text("[")),
        row("vector_type", "SELECT '[ '::vector;", error("invalid input syntax for type vector: \"[ \""), to("vector", -1), text("[ ")),
        row("vector_type", "SELECT '[,'::vector;", error("invalid input syntax for type vector: \"[,\""), to("vector", -1), text("[,")),
        row("vector_type", "SELECT '[]'::vector;", error("vector must have at least 1 dimension"), to("vector", -1), text("[]")),
        row("vector_type", "SELECT '[ ]'::vector;", error("vector must have at least 1 dimension"), to("vector", -1), text("[ ]")),
        row("vector_type", "SELECT '[,]'::vector;", error("invalid input syntax for type vector: \"[,]\""), to("vector", -1), text("[,]")),
        row("vector_type", "SELECT '[1,]'::vector;", error("invalid input syntax for type vector: \"[1,]\""), to("vector", -1), text("[1,]")),
        row("vector_type", "SELECT '[1a]'::vector;", error("invalid input syntax for type vector: \"[1a]\""), to("vector", -1), text("[1a]")),
        row("vector_type", "SELECT '[1,,3]'::vector;", error("invalid input syntax for type vector: \"[1,,3]\""), to("vector", -1), text("[1,,3]")),
        row("vector_type", "SELECT '[1, ,3]'::vector;", error("invalid input syntax for type vector: \"[1, ,3]\""), to("vector", -1), text("[1, ,3]")),
        row("vector_type", "SELECT '[1,2,3]'::vector(3);", value("[1,2,3]"), to("vector", 3), text("[1,2,3]")),
        row("vector_type", "SELECT '[1,2,3]'::vector(2);", error("expected 2 dimensions, not 3"), to("vector", 2), text("[1,2,3]")),
        row("vector_type", "SELECT '[1,2,3]'::vector(0);", error("dimensions for type vector must be at least 1"), to("vector", 0), text("[1,2,3]")),
        row("vector_type", "SELECT '[1,2,3]'::vector(16001);", error("dimensions for type vector cannot exceed 16000"), to("vector", 16001), text("[1,2,3]")),
        row("vector_type", "SELECT vector_dims('[1,2,3]'::vector);", value("3"), Call.VECTOR_DIMS, vector("[1,2,3]")),
        row("vector_type", "SELECT vector_norm('[3,4]');", value("5"), Call.VECTOR_NORM, vector("[3,4]")),
        row("vector_type", "SELECT vector_norm('[0,1]');", value("1"), Call.VECTOR_NORM, vector("[0,1]")),
        row("vector_type", "SELECT vector_norm('[3e37,4e37]')::real;", real("5e+37"), Call.VECTOR_NORM, vector("[3e37,4e37]")),
        row("vector_type", "SELECT vector_norm('[0,0]');", value("0"), Call.VECTOR_NORM, vector("[0,0]")),
        row("vector_type", "SELECT vector_norm('[2]');", value("2"), Call.VECTOR_NORM, vector("[2]")),
        row("vector_type", "SELECT l2_distance('[0,0]'::vector, '[3,4]');", value("5"), Call.L2_DISTANCE, vector("[0,0]"), vector("[3,4]")),
        row("vector_type", "SELECT l2_distance('[0,0]'::vector, '[0,1]');", value("1"), Call.L2_DISTANCE, vector("[0,0]"), vector("[0,1]")),
        row("vector_type", "SELECT l2_distance('[1,2]'::vector, '[3]');", error("different vector dimensions 2 and 1"), Call.L2_DISTANCE, vector("[1,2]"), vector("[3]")),
        row("vector_type", "SELECT l2_distance('[3e38]'::vector, '[-3e38]');", value("Infinity"), Call.L2_DISTANCE, vector("[3e38]"), vector("[-3e38]")),
        row("vector_type", "SELECT l2_distance('[1,1,1,1,1,1,1,1,1]'::vector, '[1,1,1,1,1,1,1,4,5]');", value("5"), Call.L2_DISTANCE, vector("[1,1,1,1,1,1,1,1,1]"), vector("[1,1,1,1,1,1,1,4,5]")),
        row("vector_type", "SELECT '[0,0]'::vector <-> '[3,4]';", value("5"), Call.L2_OPERATOR, vector("[0,0]"), vector("[3,4]")),
        row("vector_type", "SELECT inner_product('[1,2]'::vector, '[3,4]');", value("11"), Call.INNER_PRODUCT, vector("[1,2]"), vector("[3,4]")),
        row("vector_type", "SELECT inner_product('[1,2]'::vector, '[3]');", error("different vector dimensions 2 and 1"), Call.INNER_PRODUCT, vector("[1,2]"), vector("[3]")),
        row("vector_type", "SELECT inner_product('[3e38]'::vector, '[3e38]');", value("Infinity"), Call.INNER_PRODUCT, vector("[3e38]"), vector("[3e38]")),
        row("vector_type", "SELECT inner_product('[1,1,1,1,1,1,1,1,1]'::vector, '[1,2,3,4,5,6,7,8,9]');", value("45"), Call.INNER_PRODUCT, vector("[1,1,1,1,1,1,1,1,1]"), vector("[1,2,3,4,5,6,7,8,9]")),
        row("vector_type", "SELECT '[1,2]'::vector <#> '[3,4]';", value("-11"), Call.NEGATIVE_INNER_PRODUCT_OPERATOR, vector("[1,2]"), vector("[3,4]")),
        row("vector_type", "SELECT cosine_distance('[1,2]'::vector, '[2,4]');", value("0"), Call.COSINE_DISTANCE, vector("[1,2]"), vector("[2,4]")),
        row("vector_type", "SELECT cosine_distance('[1,2]'::vector, '[0,0]');", value("NaN"), Call.COSINE_DISTANCE, vector("[1,2]"), vector("[0,0]")),
        row("vector_type", "SELECT cosine_distance('[1,1]'::vector, '[1,1]');", value("0"), Call.COSINE_DISTANCE, vector("[1,1]"), vector("[1,1]")),
        row("vector_type", "SELECT cosine_distance('[1,0]'::vector, '[0,2]');", value("1"), Call.COSINE_DISTANCE, vector("[1,0]"), vector("[0,2]")),
        row("vector_type", "SELECT cosine_distance('[1,1]'::vector, '[-1,-1]');", value("2"), Call.COSINE_DISTANCE, vector("[1,1]"), vector("[-1,-1]")),
        row("vector_type", "SELECT cosine_distance('[1,2]'::vector, '[3]');", error("different vector dimensions 2 and 1"), Call.COSINE_DISTANCE, vector("[1,2]"), vector("[3]")),
        row("vector_type", "SELECT cosine_distance('[1,1]'::vector, '[1.1,1.1]');", value("0"), Call.COSINE_DISTANCE, vector("[1,1]"), vector("[1.1,1.1]")),
        row("vector_type", "SELECT cosine_distance('[1,1]'::vector, '[-1.1,-1.1]');", value("2"), Call.COSINE_DISTANCE, vector("[1,1]"), vector("[-1.1,-1.1]")),
        row("vector_type", "SELECT cosine_distance('[3e38]'::vector, '[3e38]');", value("NaN"), Call.COSINE_DISTANCE, vector("[3e38]"), vector("[3e38]")),
        row("vector_type", "SELECT cosine_distance('[1,2,3,4,5,6,7,8,9]'::vector, '[1,2,3,4,5,6,7,8,9]');", value("0"), Call.COSINE_DISTANCE, vector("[1,2,3,4,5,6,7,8,9]"), vector("[1,2,3,4,5,6,7,8,9]")),
        row("vector_type", "SELECT cosine_distance('[1,2,3,4,5,6,7,8,9]'::vector, '[-1,-2,-3,-4,-5,-6,-7,-8,-9]');", value("2"), Call.COSINE_DISTANCE, vector("[1,2,3,4,5,6,7,8,9]"), vector("[-1,-2,-3,-4,-5,-6,-7,-8,-9]")),
        row("vector_type", "SELECT '[1,2]'::vector <=> '[2,4]';", value("0"), Call.COSINE_OPERATOR, vector("[1,2]"), vector("[2,4]")),
        row("vector_type", "SELECT l1_distance('[0,0]'::vector, '[3,4]');", value("7"), Call.L1_DISTANCE, vector("[0,0]"), vector("[3,4]")),
        row("vector_type", "SELECT l1_distance('[0,0]'::vector, '[0,1]');", value("1"), Call.L1_DISTANCE, vector("[0,0]"), vector("[0,1]")),
        row("vector_type", "SELECT l1_distance('[1,2]'::vector, '[3]');", error("different vector dimensions 2 and 1"), Call.L1_DISTANCE, vector("[1,2]"), vector("[3]")),
        row("vector_type", "SELECT l1_distance('[3e38]'::vector, '[-3e38]');", value("Infinity"), Call.L1_DISTANCE, vector("[3e38]"), vector("[-3e38]")),
        row("vector_type", "SELECT l1_distance('[1,2,3,4,5,6,7,8,9]'::vector, '[1,2,3,4,5,6,7,8,9]');", value("0"), Call.L1_DISTANCE, vector("[1,2,3,4,5,6,7,8,9]"), vector("[1,2,3,4,5,6,7,8,9]")),
        row("vector_type", "SELECT l1_distance('[1,2,3,4,5,6,7,8,9]'::vector, '[0,3,2,5,4,7,6,9,8]');", value("9"), Call.L1_DISTANCE, vector("[1,2,3,4,5,6,7,8,9]"), vector("[0,3,2,5,4,7,6,9,8]")),
        row("vector_type", "SELECT '[0,0]'::vector <+> '[3,4]';", value("7"), Call.L1_OPERATOR, vector("[0,0]"), vector("[3,4]")),
        row("vector_type", "SELECT l2_normalize('[3,4]'::vector);", value("[0.6,0.8]"), Call.L2_NORMALIZE, vector("[3,4]")),
        row("vector_type", "SELECT l2_normalize('[3,0]'::vector);", value("[1,0]"), Call.L2_NORMALIZE, vector("[3,0]")),
        row("vector_type", "SELECT l2_normalize('[0,0.1]'::vector);", value("[0,1]"), Call.L2_NORMALIZE, vector("[0,0.1]")),
        row("vector_type", "SELECT l2_normalize('[0,0]'::vector);", value("[0,0]"), Call.L2_NORMALIZE, vector("[0,0]")),
        row("vector_type", "SELECT l2_normalize('[3e38]'::vector);", value("[1]"), Call.L2_NORMALIZE, vector("[3e38]")),
        row("vector_type", "SELECT binary_quantize('[1,0,-1]'::vector);", value("100"), Call.BINARY_QUANTIZE, vector("[1,0,-1]")),
        row("vector_type", "SELECT binary_quantize('[0,0.1,-0.2,-0.3,0.4,0.5,0.6,-0.7,0.8,-0.9,1]'::vector);", value("01001110101"), Call.BINARY_QUANTIZE, vector("[0,0.1,-0.2,-0.3,0.4,0.5,0.6,-0.7,0.8,-0.9,1]")),
        row("vector_type", "SELECT subvector('[1,2,3,4,5]'::vector, 1, 3);", value("[1,2,3]"), Call.SUBVECTOR, vector("[1,2,3,4,5]"), integer(1), integer(3)),
        row("vector_type", "SELECT subvector('[1,2,3,4,5]'::vector, 3, 2);", value("[3,4]"), Call.SUBVECTOR, vector("[1,2,3,4,5]"), integer(3), integer(2)),
        row("vector_type", "SELECT subvector('[1,2,3,4,5]'::vector, -1, 3);", value("[1]"), Call.SUBVECTOR, vector("[1,2,3,4,5]"), integer(-1), integer(3)),
        row("vector_type", "SELECT subvector('[1,2,3,4,5]'::vector, 3, 9);", value("[3,4,5]"), Call.SUBVECTOR, vector("[1,2,3,4,5]"), integer(3), integer(9)),
        row("vector_type", "SELECT subvector('[1,2,3,4,5]'::vector, 1, 0);", error("vector must have at least 1 dimension"), Call.SUBVECTOR, vector("[1,2,3,4,5]"), integer(1), integer(0)),
        row("vector_type", "SELECT subvector('[1,2,3,4,5]'::vector, 3, -1);", error("vector must have at least 1 dimension"), Call.SUBVECTOR, vector("[1,2,3,4,5]"), integer(3), integer(-1)),
        row("vector_type", "SELECT subvector('[1,2,3,4,5]'::vector, -1, 2);", error("vector must have at least 1 dimension"), Call.SUBVECTOR, vector("[1,2,3,4,5]"), integer(-1), integer(2)),
        row("vector_type", "SELECT subvector('[1,2,3,4,5]'::vector, 2147483647, 10);", error("vector must have at least 1 dimension"), Call.SUBVECTOR, vector("[1,2,3,4,5]"), integer(2147483647), integer(10)),
        row("vector_type", "SELECT subvector('[1,2,3,4,5]'::vector, 3, 2147483647);", value("[3,4,5]"), Call.SUBVECTOR, vector("[1,2,3,4,5]"), integer(3), integer(2147483647)),
        row("vector_type", "SELECT subvector('[1,2,3,4,5]'::vector, -2147483644, 2147483647);", value("[1,2]"), Call.SUBVECTOR, vector("[1,2,3,4,5]"), integer(-2147483644), integer(2147483647)),
        row("vector_type", "SELECT avg(v) FROM unnest(ARRAY['[1,2,3]'::vector, '[3,5,7]']) v;", value("[2,3.5,5]"), over(Call.AVG, "vector"), vector("[1,2,3]"), vector("[3,5,7]")),
        row("vector_type", "SELECT avg(v) FROM unnest(ARRAY['[1,2,3]'::vector, '[3,5,7]', NULL]) v;", value("[2,3.5,5]"), over(Call.AVG, "vector"), vector("[1,2,3]"), vector("[3,5,7]"), vector(null)),
        row("vector_type", "SELECT avg(v) FROM unnest(ARRAY[]::vector[]) v;", sqlNull(), over(Call.AVG, "vector")),
        row("vector_type", "SELECT avg(v) FROM unnest(ARRAY['[1,2]'::vector, '[3]']) v;", error("expected 2 dimensions, not 1"), over(Call.AVG, "vector"), vector("[1,2]"), vector("[3]")),
        row("vector_type", "SELECT avg(v) FROM unnest(ARRAY['[3e38]'::vector, '[3e38]']) v;", value("[3e+38]"), over(Call.AVG, "vector"), vector("[3e38]"), vector("[3e38]")),
        row("vector_type", "SELECT sum(v) FROM unnest(ARRAY['[1,2,3]'::vector, '[3,5,7]']) v;", value("[4,7,10]"), over(Call.SUM, "vector"), vector("[1,2,3]"), vector("[3,5,7]")),
        row("vector_type", "SELECT sum(v) FROM unnest(ARRAY['[1,2,3]'::vector, '[3,5,7]', NULL]) v;", value("[4,7,10]"), over(Call.SUM, "vector"), vector("[1,2,3]"), vector("[3,5,7]"), vector(null)),
        row("vector_type", "SELECT sum(v) FROM unnest(ARRAY[]::vector[]) v;", sqlNull(), over(Call.SUM, "vector")),
        row("vector_type", "SELECT sum(v) FROM unnest(ARRAY['[1,2]'::vector, '[3]']) v;", error("different vector dimensions 2 and 1"), over(Call.SUM, "vector"), vector("[1,2]"), vector("[3]")),
        row("vector_type", "SELECT sum(v) FROM unnest(ARRAY['[3e38]'::vector, '[3e38]']) v;", error("value out of range: overflow"), over(Call.SUM, "vector"), vector("[3e38]"), vector("[3e38]")),
        row("halfvec", "SELECT '[1,2,3]'::halfvec;", value("[1,2,3]"), to("halfvec", -1), text("[1,2,3]")),
        row("halfvec", "SELECT '[-1,-2,-3]'::halfvec;", value("[-1,-2,-3]"), to("halfvec", -1), text("[-1,-2,-3]")),
        row("halfvec", "SELECT '[1.,2.,3.]'::halfvec;", value("[1,2,3]"), to("halfvec", -1), text("[1.,2.,3.]")),
        row("halfvec", "SELECT ' [ 1,  2 ,    3  ] '::halfvec;", value("[1,2,3]"), to("halfvec", -1), text(" [ 1,  2 ,    3  ] ")),
        row("halfvec", "SELECT '[1.23456]'::halfvec;", value("[1.234375]"), to("halfvec", -1), text("[1.23456]")),
        row("halfvec", "SELECT '[hello,1]'::halfvec;", error("invalid input syntax for type halfvec: \"[hello,1]\""), to("halfvec", -1), text("[hello,1]")),
        row("halfvec", "SELECT '[NaN,1]'::halfvec;", error("NaN not allowed in halfvec"), to("halfvec", -1), text("[NaN,1]")),
        row("halfvec", "SELECT '[Infinity,1]'::halfvec;", error("infinite value not allowed in halfvec"), to("halfvec", -1), text("[Infinity,1]")),
        row("halfvec", "SELECT '[-Infinity,1]'::halfvec;", error("infinite value not allowed in halfvec"), to("halfvec", -1), text("[-Infinity,1]")),
        row("halfvec", "SELECT '[65519,-65519]'::halfvec;", value("[65504,-65504]"), to("halfvec", -1), text("[65519,-65519]")),
        row("halfvec", "SELECT '[65520,-65520]'::halfvec;", error("\"65520\" is out of range for type halfvec"), to("halfvec", -1), text("[65520,-65520]")),
        row("halfvec", "SELECT '[1e-8,-1e-8]'::halfvec;", value("[0,-0]"), to("halfvec", -1), text("[1e-8,-1e-8]")),
        row("halfvec", "SELECT '[4e38,1]'::halfvec;", error("\"4e38\" is out of range for type halfvec"), to("halfvec", -1), text("[4e38,1]")),
        row("halfvec", "SELECT '[1e-46,1]'::halfvec;", value("[0,1]"), to("halfvec", -1), text("[1e-46,1]")),
        row("halfvec", "SELECT '[1,2,3'::halfvec;", error("invalid input syntax for type halfvec: \"[1,2,3\""), to("halfvec", -1), text("[1,2,3")),
        row("halfvec", "SELECT '[1,2,3]9'::halfvec;", error("invalid input syntax for type halfvec: \"[1,2,3]9\""), to("halfvec", -1), text("[1,2,3]9")),
        row("halfvec", "SELECT '1,2,3'::halfvec;", error("invalid input syntax for type halfvec: \"1,2,3\""), to("halfvec", -1), text("1,2,3")),
        row("halfvec", "SELECT ''::halfvec;", error("invalid input syntax for type halfvec: \"\""), to("halfvec", -1), text("")),
        row("halfvec", "SELECT '['::halfvec;", error("invalid input syntax for type halfvec: \"[\""), to("halfvec", -1), text("[")),
        row("halfvec", "SELECT '[ '::halfvec;", error("invalid input syntax for type halfvec: \"[ \""), to("halfvec", -1), text("[ ")),
        row("halfvec", "SELECT '[,'::halfvec;", error("invalid input syntax for type halfvec: \"[,\""), to("halfvec", -1), text("[,")),
        row("halfvec", "SELECT '[]'::halfvec;", error("halfvec must have at least 1 dimension"), to("halfvec", -1), text("[]")),
        row("halfvec", "SELECT '[ ]'::halfvec;", error("halfvec must have at least 1 dimension"), to("halfvec", -1), text("[ ]")),
        row("halfvec", "SELECT '[,]'::halfvec;", error("invalid input syntax for type halfvec: \"[,]\""), to("halfvec", -1), text("[,]")),
        row("halfvec", "SELECT '[1,]'::halfvec;", error("invalid input syntax for type halfvec: \"[1,]\""), to("halfvec", -1), text("[1,]")),
        row("halfvec", "SELECT '[1a]'::halfvec;", error("invalid input syntax for type halfvec: \"[1a]\""), to("halfvec", -1), text("[1a]")),
        row("halfvec", "SELECT '[1,,3]'::halfvec;", error("invalid input syntax for type halfvec: \"[1,,3]\""), to("halfvec", -1), text("[1,,3]")),
        row("halfvec", "SELECT '[1, ,3]'::halfvec;", error("invalid input syntax for type halfvec: \"[1, ,3]\""), to("halfvec", -1), text("[1, ,3]")),
        row("halfvec", "SELECT '[1,2,3]'::halfvec(3);", value("[1,2,3]"), to("halfvec", 3), text("[1,2,3]")),
        row("halfvec", "SELECT '[1,2,3]'::halfvec(2);", error("expected 2 dimensions, not 3"), to("halfvec", 2), text("[1,2,3]")),
        row("halfvec", "SELECT '[1,2,3]'::halfvec(0);", error("dimensions for type halfvec must be at least 1"), to("halfvec", 0), text("[1,2,3]")),
        row("halfvec", "SELECT '[1,2,3]'::halfvec(16001);", error("dimensions for type halfvec cannot exceed 16000"), to("halfvec", 16001), text("[1,2,3]")),
        row("halfvec", "SELECT vector_dims('[1,2,3]'::halfvec);", value("3"), Call.VECTOR_DIMS, halfvec("[1,2,3]")),
        row("halfvec", "SELECT l2_norm('[3,4]'::halfvec);", value("5"), Call.L2_NORM, halfvec("[3,4]")),
        row("halfvec", "SELECT l2_norm('[0,1]'::halfvec);", value("1"), Call.L2_NORM, halfvec("[0,1]")),
        row("halfvec", "SELECT l2_norm('[0,0]'::halfvec);", value("0"), Call.L2_NORM, halfvec("[0,0]")),
        row("halfvec", "SELECT l2_norm('[2]'::halfvec);", value("2"), Call.L2_NORM, halfvec("[2]")),
        row("halfvec", "SELECT l2_distance('[0,0]'::halfvec, '[3,4]');", value("5"), Call.L2_DISTANCE, halfvec("[0,0]"), halfvec("[3,4]")),
        row("halfvec", "SELECT l2_distance('[0,0]'::halfvec, '[0,1]');", value("1"), Call.L2_DISTANCE, halfvec("[0,0]"), halfvec("[0,1]")),
        row("halfvec", "SELECT l2_distance('[1,2]'::halfvec, '[3]');", error("different halfvec dimensions 2 and 1"), Call.L2_DISTANCE, halfvec("[1,2]"), halfvec("[3]")),
        row("halfvec", "SELECT l2_distance('[1,1,1,1,1,1,1,1,1]'::halfvec, '[1,1,1,1,1,1,1,4,5]');", value("5"), Call.L2_DISTANCE, halfvec("[1,1,1,1,1,1,1,1,1]"), halfvec("[1,1,1,1,1,1,1,4,5]")),
        row("halfvec", "SELECT '[0,0]'::halfvec <-> '[3,4]';", value("5"), Call.L2_OPERATOR, halfvec("[0,0]"), halfvec("[3,4]")),
        row("halfvec", "SELECT inner_product('[1,2]'::halfvec, '[3,4]');", value("11"), Call.INNER_PRODUCT, halfvec("[1,2]"), halfvec("[3,4]")),
        row("halfvec", "SELECT inner_product('[1,2]'::halfvec, '[3]');", error("different halfvec dimensions 2 and 1"), Call.INNER_PRODUCT, halfvec("[1,2]"), halfvec("[3]")),
        row("halfvec", "SELECT inner_product('[65504]'::halfvec, '[65504]');", value("4290774016"), Call.INNER_PRODUCT, halfvec("[65504]"), halfvec("[65504]")),
        row("halfvec", "SELECT inner_product('[1,1,1,1,1,1,1,1,1]'::halfvec, '[1,2,3,4,5,6,7,8,9]');", value("45"), Call.INNER_PRODUCT, halfvec("[1,1,1,1,1,1,1,1,1]"), halfvec("[1,2,3,4,5,6,7,8,9]")),
        row("halfvec", "SELECT '[1,2]'::halfvec <#> '[3,4]';", value("-11"), Call.NEGATIVE_INNER_PRODUCT_OPERATOR, halfvec("[1,2]"), halfvec("[3,4]")),
        row("halfvec", "SELECT cosine_distance('[1,2]'::halfvec, '[2,4]');", value("0"), Call.COSINE_DISTANCE, halfvec("[1,2]"), halfvec("[2,4]")),
        row("halfvec", "SELECT cosine_distance('[1,2]'::halfvec, '[0,0]');", value("NaN"), Call.COSINE_DISTANCE, halfvec("[1,2]"), halfvec("[0,0]")),
        row("halfvec", "SELECT cosine_distance('[1,1]'::halfvec, '[1,1]');", value("0"), Call.COSINE_DISTANCE, halfvec("[1,1]"), halfvec("[1,1]")),
        row("halfvec", "SELECT cosine_distance('[1,0]'::halfvec, '[0,2]');", value("1"), Call.COSINE_DISTANCE, halfvec("[1,0]"), halfvec("[0,2]")),
        row("halfvec", "SELECT cosine_distance('[1,1]'::halfvec, '[-1,-1]');", value("2"), Call.COSINE_DISTANCE, halfvec("[1,1]"), halfvec("[-1,-1]")),
        row("halfvec", "SELECT cosine_distance('[1,2]'::halfvec, '[3]');", error("different halfvec dimensions 2 and 1"), Call.COSINE_DISTANCE, halfvec("[1,2]"), halfvec("[3]")),
        row("halfvec", "SELECT cosine_distance('[1,1]'::halfvec, '[1.1,1.1]');", value("0"), Call.COSINE_DISTANCE, halfvec("[1,1]"), halfvec("[1.1,1.1]")),
        row("halfvec", "SELECT cosine_distance('[1,1]'::halfvec, '[-1.1,-1.1]');", value("2"), Call.COSINE_DISTANCE, halfvec("[1,1]"), halfvec("[-1.1,-1.1]")),
        row("halfvec", "SELECT cosine_distance('[1,2,3,4,5,6,7,8,9]'::halfvec, '[1,2,3,4,5,6,7,8,9]');", value("0"), Call.COSINE_DISTANCE, halfvec("[1,2,3,4,5,6,7,8,9]"), halfvec("[1,2,3,4,5,6,7,8,9]")),
        row("halfvec", "SELECT cosine_distance('[1,2,3,4,5,6,7,8,9]'::halfvec, '[-1,-2,-3,-4,-5,-6,-7,-8,-9]');", value("2"), Call.COSINE_DISTANCE, halfvec("[1,2,3,4,5,6,7,8,9]"), halfvec("[-1,-2,-3,-4,-5,-6,-7,-8,-9]")),
        row("halfvec", "SELECT '[1,2]'::halfvec <=> '[2,4]';", value("0"), Call.COSINE_OPERATOR, halfvec("[1,2]"), halfvec("[2,4]")),
        row("halfvec", "SELECT l1_distance('[0,0]'::halfvec, '[3,4]');", value("7"), Call.L1_DISTANCE, halfvec("[0,0]"), halfvec("[3,4]")),
        row("halfvec", "SELECT l1_distance('[0,0]'::halfvec, '[0,1]');", value("1"), Call.L1_DISTANCE, halfvec("[0,0]"), halfvec("[0,1]")),
        row("halfvec", "SELECT l1_distance('[1,2]'::halfvec, '[3]');", error("different halfvec dimensions 2 and 1"), Call.L1_DISTANCE, halfvec("[1,2]"), halfvec("[3]")),
        row("halfvec", "SELECT l1_distance('[1,2,3,4,5,6,7,8,9]'::halfvec, '[1,2,3,4,5,6,7,8,9]');", value("0"), Call.L1_DISTANCE, halfvec("[1,2,3,4,5,6,7,8,9]"), halfvec("[1,2,3,4,5,6,7,8,9]")),
        row("halfvec", "SELECT l1_distance('[1,2,3,4,5,6,7,8,9]'::halfvec, '[0,3,2,5,4,7,6,9,8]');", value("9"), Call.L1_DISTANCE, halfvec("[1,2,3,4,5,6,7,8,9]"), halfvec("[0,3,2,5,4,7,6,9,8]")),
        row("halfvec", "SELECT '[0,0]'::halfvec <+> '[3,4]';", value("7"), Call.L1_OPERATOR, halfvec("[0,0]"), halfvec("[3,4]")),
        row("halfvec", "SELECT l2_normalize('[3,4]'::halfvec);", value("[0.60009766,0.7998047]"), Call.L2_NORMALIZE, halfvec("[3,4]")),
        row("halfvec", "SELECT l2_normalize('[3,0]'::halfvec);", value("[1,0]"), Call.L2_NORMALIZE, halfvec("[3,0]")),
        row("halfvec", "SELECT l2_normalize('[0,0.1]'::halfvec);", value("[0,1]"), Call.L2_NORMALIZE, halfvec("[0,0.1]")),
        row("halfvec", "SELECT l2_normalize('[0,0]'::halfvec);", value("[0,0]"), Call.L2_NORMALIZE, halfvec("[0,0]")),
        row("halfvec", "SELECT l2_normalize('[65504]'::halfvec);", value("[1]"), Call.L2_NORMALIZE, halfvec("[65504]")),
        row("halfvec", "SELECT binary_quantize('[1,0,-1]'::halfvec);", value("100"), Call.BINARY_QUANTIZE, halfvec("[1,0,-1]")),
        row("halfvec", "SELECT binary_quantize('[0,0.1,-0.2,-0.3,0.4,0.5,0.6,-0.7,0.8,-0.9,1]'::halfvec);", value("01001110101"), Call.BINARY_QUANTIZE, halfvec("[0,0.1,-0.2,-0.3,0.4,0.5,0.6,-0.7,0.8,-0.9,1]")),
        row("halfvec", "SELECT subvector('[1,2,3,4,5]'::halfvec, 1, 3);", value("[1,2,3]"), Call.SUBVECTOR, halfvec("[1,2,3,4,5]"), integer(1), integer(3)),
        row("halfvec", "SELECT subvector('[1,2,3,4,5]'::halfvec, 3, 2);", value("[3,4]"), Call.SUBVECTOR, halfvec("[1,2,3,4,5]"), integer(3), integer(2)),
        row("halfvec", "SELECT subvector('[1,2,3,4,5]'::halfvec, -1, 3);", value("[1]"), Call.SUBVECTOR, halfvec("[1,2,3,4,5]"), integer(-1), integer(3)),
        row("halfvec", "SELECT subvector('[1,2,3,4,5]'::halfvec, 3, 9);", value("[3,4,5]"), Call.SUBVECTOR, halfvec("[1,2,3,4,5]"), integer(3), integer(9)),
        row("halfvec", "SELECT subvector('[1,2,3,4,5]'::halfvec, 1, 0);", error("halfvec must have at least 1 dimension"), Call.SUBVECTOR, halfvec("[1,2,3,4,5]"), integer(1), integer(0)),
        row("halfvec", "SELECT subvector('[1,2,3,4,5]'::halfvec, 3, -1);", error("halfvec must have at least 1 dimension"), Call.SUBVECTOR, halfvec("[1,2,3,4,5]"), integer(3), integer(-1)),
        row("halfvec", "SELECT subvector('[1,2,3,4,5]'::halfvec, -1, 2);", error("halfvec must have at least 1 dimension"), Call.SUBVECTOR, halfvec("[1,2,3,4,5]"), integer(-1), integer(2)),
        row("halfvec", "SELECT subvector('[1,2,3,4,5]'::halfvec, 2147483647, 10);", error("halfvec must have at least 1 dimension"), Call.SUBVECTOR, halfvec("[1,2,3,4,5]"), integer(2147483647), integer(10)),
        row("halfvec", "SELECT subvector('[1,2,3,4,5]'::halfvec, 3, 2147483647);", value("[3,4,5]"), Call.SUBVECTOR, halfvec("[1,2,3,4,5]"), integer(3), integer(2147483647)),
        row("halfvec", "SELECT subvector('[1,2,3,4,5]'::halfvec, -2147483644, 2147483647);", value("[1,2]"), Call.SUBVECTOR, halfvec("[1,2,3,4,5]"), integer(-2147483644), integer(2147483647)),
        row("halfvec", "SELECT avg(v) FROM unnest(ARRAY['[1,2,3]'::halfvec, '[3,5,7]']) v;", value("[2,3.5,5]"), over(Call.AVG, "halfvec"), halfvec("[1,2,3]"), halfvec("[3,5,7]")),
        row("halfvec", "SELECT avg(v) FROM unnest(ARRAY['[1,2,3]'::halfvec, '[3,5,7]', NULL]) v;", value("[2,3.5,5]"), over(Call.AVG, "halfvec"), halfvec("[1,2,3]"), halfvec("[3,5,7]"), halfvec(null)),
        row("halfvec", "SELECT avg(v) FROM unnest(ARRAY[]::halfvec[]) v;", sqlNull(), over(Call.AVG, "halfvec")),
        row("halfvec", "SELECT avg(v) FROM unnest(ARRAY['[1,2]'::halfvec, '[3]']) v;", error("expected 2 dimensions, not 1"), over(Call.AVG, "halfvec"), halfvec("[1,2]"), halfvec("[3]")),
        row("halfvec", "SELECT avg(v) FROM unnest(ARRAY['[65504]'::halfvec, '[65504]']) v;", value("[65504]"), over(Call.AVG, "halfvec"), halfvec("[65504]"), halfvec("[65504]")),
        row("halfvec", "SELECT sum(v) FROM unnest(ARRAY['[1,2,3]'::halfvec, '[3,5,7]']) v;", value("[4,7,10]"), over(Call.SUM, "halfvec"), halfvec("[1,2,3]"), halfvec("[3,5,7]")),
        row("halfvec", "SELECT sum(v) FROM unnest(ARRAY['[1,2,3]'::halfvec, '[3,5,7]', NULL]) v;", value("[4,7,10]"), over(Call.SUM, "halfvec"), halfvec("[1,2,3]"), halfvec("[3,5,7]"), halfvec(null)),
        row("halfvec", "SELECT sum(v) FROM unnest(ARRAY[]::halfvec[]) v;", sqlNull(), over(Call.SUM, "halfvec")),
        row("halfvec", "SELECT sum(v) FROM unnest(ARRAY['[1,2]'::halfvec, '[3]']) v;", error("different halfvec dimensions 2 and 1"), over(Call.SUM, "halfvec"), halfvec("[1,2]"), halfvec("[3]")),
        row("halfvec", "SELECT sum(v) FROM unnest(ARRAY['[65504]'::halfvec, '[65504]']) v;", error("value out of range: overflow"), over(Call.SUM, "halfvec"), halfvec("[65504]"), halfvec("[65504]")),
        row("sparsevec", "SELECT '{1:1.5,3:3.5}/5'::sparsevec;", value("{1:1.5,3:3.5}/5"), to("sparsevec", -1), text("{1:1.5,3:3.5}/5")),
        row("sparsevec", "SELECT '{1:-2,3:-4}/5'::sparsevec;", value("{1:-2,3:-4}/5"), to("sparsevec", -1), text("{1:-2,3:-4}/5")),
        row("sparsevec", "SELECT '{1:2.,3:4.}/5'::sparsevec;", value("{1:2,3:4}/5"), to("sparsevec", -1), text("{1:2.,3:4.}/5")),
        row("sparsevec", "SELECT ' { 1 : 1.5 ,  3  :  3.5  } / 5 '::sparsevec;", value("{1:1.5,3:3.5}/5"), to("sparsevec", -1), text(" { 1 : 1.5 ,  3  :  3.5  } / 5 ")),
        row("sparsevec", "SELECT '{1:1.23456}/1'::sparsevec;", value("{1:1.23456}/1"), to("sparsevec", -1), text("{1:1.23456}/1")),
        row("sparsevec", "SELECT '{1:hello,2:1}/2'::sparsevec;", error("invalid input syntax for type sparsevec: \"{1:hello,2:1}/2\""), to("sparsevec", -1), text("{1:hello,2:1}/2")),
        row("sparsevec", "SELECT '{1:NaN,2:1}/2'::sparsevec;", error("NaN not allowed in sparsevec"), to("sparsevec", -1), text("{1:NaN,2:1}/2")),
        row("sparsevec", "SELECT '{1:Infinity,2:1}/2'::sparsevec;", error("infinite value not allowed in sparsevec"), to("sparsevec", -1), text("{1:Infinity,2:1}/2")),
        row("sparsevec", "SELECT '{1:-Infinity,2:1}/2'::sparsevec;", error("infinite value not allowed in sparsevec"), to("sparsevec", -1), text("{1:-Infinity,2:1}/2")),
        row("sparsevec", "SELECT '{1:1.5e38,2:-1.5e38}/2'::sparsevec;", value("{1:1.5e+38,2:-1.5e+38}/2"), to("sparsevec", -1), text("{1:1.5e38,2:-1.5e38}/2")),
        row("sparsevec", "SELECT '{1:1.5e+38,2:-1.5e+38}/2'::sparsevec;", value("{1:1.5e+38,2:-1.5e+38}/2"), to("sparsevec", -1), text("{1:1.5e+38,2:-1.5e+38}/2")),
        row("sparsevec", "SELECT '{1:1.5e-38,2:-1.5e-38}/2'::sparsevec;", value("{1:1.5e-38,2:-1.5e-38}/2"), to("sparsevec", -1), text("{1:1.5e-38,2:-1.5e-38}/2")),
        row("sparsevec", "SELECT '{1:4e38,2:1}/2'::sparsevec;", error("\"4e38\" is out of range for type sparsevec"), to("sparsevec", -1), text("{1:4e38,2:1}/2")),
        row("sparsevec", "SELECT '{1:-4e38,2:1}/2'::sparsevec;", error("\"-4e38\" is out of range for type sparsevec"), to("sparsevec", -1), text("{1:-4e38,2:1}/2")),
        row("sparsevec", "SELECT '{1:1e-46,2:1}/2'::sparsevec;", error("\"1e-46\" is out of range for type sparsevec"), to("sparsevec", -1), text("{1:1e-46,2:1}/2")),
        row("sparsevec", "SELECT '{1:-1e-46,2:1}/2'::sparsevec;", error("\"-1e-46\" is out of range for type sparsevec"), to("sparsevec", -1), text("{1:-1e-46,2:1}/2")),
        row("sparsevec", "SELECT ''::sparsevec;", error("invalid input syntax for type sparsevec: \"\""), to("sparsevec", -1), text("")),
        row("sparsevec", "SELECT '{'::sparsevec;", error("invalid input syntax for type sparsevec: \"{\""), to("sparsevec", -1), text("{")),
        row("sparsevec", "SELECT '{ '::sparsevec;", error("invalid input syntax for type sparsevec: \"{ \""), to("sparsevec", -1), text("{ ")),
        row("sparsevec", "SELECT '{:'::sparsevec;", error("invalid input syntax for type sparsevec: \"{:\""), to("sparsevec", -1), text("{:")),
        row("sparsevec", "SELECT '{,'::sparsevec;", error("invalid input syntax for type sparsevec: \"{,\""), to("sparsevec", -1), text("{,")),
        row("sparsevec", "SELECT '{}'::sparsevec;", error("invalid input syntax for type sparsevec: \"{}\""), to("sparsevec", -1), text("{}")),
        row("sparsevec", "SELECT '{}/'::sparsevec;", error("invalid input syntax for type sparsevec: \"{}/\""), to("sparsevec", -1), text("{}/")),
        row("sparsevec", "SELECT '{}/1'::sparsevec;", value("{}/1"), to("sparsevec", -1), text("{}/1")),
        row("sparsevec", "SELECT '{}/1a'::sparsevec;", error("invalid input syntax for type sparsevec: \"{}/1a\""), to("sparsevec", -1), text("{}/1a")),
        row("sparsevec", "SELECT '{ }/1'::sparsevec;", value("{}/1"), to("sparsevec", -1), text("{ }/1")),
        row("sparsevec", "SELECT '{:}/1'::sparsevec;", error("invalid input syntax for type sparsevec: \"{:}/1\""), to("sparsevec", -1), text("{:}/1")),
        row("sparsevec", "SELECT '{,}/1'::sparsevec;", error("invalid input syntax for type sparsevec: \"{,}/1\""), to("sparsevec", -1), text("{,}/1")),
        row("sparsevec", "SELECT '{1,}/1'::sparsevec;", error("invalid input syntax for type sparsevec: \"{1,}/1\""), to("sparsevec", -1), text("{1,}/1")),
        row("sparsevec", "SELECT '{:1}/1'::sparsevec;", error("invalid input syntax for type sparsevec: \"{:1}/1\""), to("sparsevec", -1), text("{:1}/1")),
        row("sparsevec", "SELECT '{1:}/1'::sparsevec;", error("invalid input syntax for type sparsevec: \"{1:}/1\""), to("sparsevec", -1), text("{1:}/1")),
        row("sparsevec", "SELECT '{1a:1}/1'::sparsevec;", error("invalid input syntax for type sparsevec: \"{1a:1}/1\""), to("sparsevec", -1), text("{1a:1}/1")),
        row("sparsevec", "SELECT '{1:1a}/1'::sparsevec;", error("invalid input syntax for type sparsevec: \"{1:1a}/1\""), to("sparsevec", -1), text("{1:1a}/1")),
        row("sparsevec", "SELECT '{1:1,}/1'::sparsevec;", error("invalid input syntax for type sparsevec: \"{1:1,}/1\""), to("sparsevec", -1), text("{1:1,}/1")),
        row("sparsevec", "SELECT '{1:0,2:1,3:0}/3'::sparsevec;", value("{2:1}/3"), to("sparsevec", -1), text("{1:0,2:1,3:0}/3")),
        row("sparsevec", "SELECT '{2:1,1:1}/2'::sparsevec;", value("{1:1,2:1}/2"), to("sparsevec", -1), text("{2:1,1:1}/2")),
        row("sparsevec", "SELECT '{1:1,1:1}/2'::sparsevec;", error("sparsevec indices must not contain duplicates"), to("sparsevec", -1), text("{1:1,1:1}/2")),
        row("sparsevec", "SELECT '{1:1,2:1,1:1}/2'::sparsevec;", error("sparsevec indices must not contain duplicates"), to("sparsevec", -1), text("{1:1,2:1,1:1}/2")),
        row("sparsevec", "SELECT '{}/5'::sparsevec;", value("{}/5"), to("sparsevec", -1), text("{}/5")),
        row("sparsevec", "SELECT '{}/-1'::sparsevec;", error("sparsevec must have at least 1 dimension"), to("sparsevec", -1), text("{}/-1")),
        row("sparsevec", "SELECT '{}/1000000001'::sparsevec;", error("sparsevec cannot have more than 1000000000 dimensions"), to("sparsevec", -1), text("{}/1000000001")),
        row("sparsevec", "SELECT '{}/2147483648'::sparsevec;", error("sparsevec cannot have more than 1000000000 dimensions"), to("sparsevec", -1), text("{}/2147483648")),
        row("sparsevec", "SELECT '{}/-2147483649'::sparsevec;", error("sparsevec must have at least 1 dimension"), to("sparsevec", -1), text("{}/-2147483649")),
        row("sparsevec", "SELECT '{}/9223372036854775808'::sparsevec;", error("sparsevec cannot have more than 1000000000 dimensions"), to("sparsevec", -1), text("{}/9223372036854775808")),
        row("sparsevec", "SELECT '{}/-9223372036854775809'::sparsevec;", error("sparsevec must have at least 1 dimension"), to("sparsevec", -1), text("{}/-9223372036854775809")),
        row("sparsevec", "SELECT '{2147483647:1}/1'::sparsevec;", error("sparsevec index out of bounds"), to("sparsevec", -1), text("{2147483647:1}/1")),
        row("sparsevec", "SELECT '{2147483648:1}/1'::sparsevec;", error("sparsevec index out of bounds"), to("sparsevec", -1), text("{2147483648:1}/1")),
        row("sparsevec", "SELECT '{-2147483648:1}/1'::sparsevec;", error("sparsevec index out of bounds"), to("sparsevec", -1), text("{-2147483648:1}/1")),
        row("sparsevec", "SELECT '{-2147483649:1}/1'::sparsevec;", error("sparsevec index out of bounds"), to("sparsevec", -1), text("{-2147483649:1}/1")),
        row("sparsevec", "SELECT '{0:1}/1'::sparsevec;", error("sparsevec index out of bounds"), to("sparsevec", -1), text("{0:1}/1")),
        row("sparsevec", "SELECT '{2:1}/1'::sparsevec;", error("sparsevec index out of bounds"), to("sparsevec", -1), text("{2:1}/1")),
        row("sparsevec", "SELECT '{}/3'::sparsevec(3);", value("{}/3"), to("sparsevec", 3), text("{}/3")),
        row("sparsevec", "SELECT '{}/3'::sparsevec(2);", error("expected 2 dimensions, not 3"), to("sparsevec", 2), text("{}/3")),
        row("sparsevec", "SELECT '{}/3'::sparsevec(0);", error("dimensions for type sparsevec must be at least 1"), to("sparsevec", 0), text("{}/3")),
        row("sparsevec", "SELECT '{}/3'::sparsevec(1000000001);", error("dimensions for type sparsevec cannot exceed 1000000000"), to("sparsevec", 1000000001), text("{}/3")),
        row("sparsevec", "SELECT l2_norm('{1:3,2:4}/2'::sparsevec);", value("5"), Call.L2_NORM, sparsevec("{1:3,2:4}/2")),
        row("sparsevec", "SELECT l2_norm('{2:1}/2'::sparsevec);", value("1"), Call.L2_NORM, sparsevec("{2:1}/2")),
        row("sparsevec", "SELECT l2_norm('{1:3e37,2:4e37}/2'::sparsevec)::real;", real("5e+37"), Call.L2_NORM, sparsevec("{1:3e37,2:4e37}/2")),
        row("sparsevec", "SELECT l2_norm('{}/2'::sparsevec);", value("0"), Call.L2_NORM, sparsevec("{}/2")),
        row("sparsevec", "SELECT l2_norm('{1:2}/1'::sparsevec);", value("2"), Call.L2_NORM, sparsevec("{1:2}/1")),
        row("sparsevec", "SELECT l2_distance('{}/2'::sparsevec, '{1:3,2:4}/2');", value("5"), Call.L2_DISTANCE, sparsevec("{}/2"), sparsevec("{1:3,2:4}/2")),
        row("sparsevec", "SELECT l2_distance('{1:3}/2'::sparsevec, '{2:4}/2');", value("5"), Call.L2_DISTANCE, sparsevec("{1:3}/2"), sparsevec("{2:4}/2")),
        row("sparsevec", "SELECT l2_distance('{2:4}/2'::sparsevec, '{1:3}/2');", value("5"), Call.L2_DISTANCE, sparsevec("{2:4}/2"), sparsevec("{1:3}/2")),
        row("sparsevec", "SELECT l2_distance('{1:3,2:4}/2'::sparsevec, '{}/2');", value("5"), Call.L2_DISTANCE, sparsevec("{1:3,2:4}/2"), sparsevec("{}/2")),
        row("sparsevec", "SELECT l2_distance('{}/2'::sparsevec, '{2:1}/2');", value("1"), Call.L2_DISTANCE, sparsevec("{}/2"), sparsevec("{2:1}/2")),
        row("sparsevec", "SELECT '{}/2'::sparsevec <-> '{1:3,2:4}/2';", value("5"), Call.L2_OPERATOR, sparsevec("{}/2"), sparsevec("{1:3,2:4}/2")),
        row("sparsevec", "SELECT inner_product('{1:1,2:2}/2'::sparsevec, '{1:2,2:4}/2');", value("10"), Call.INNER_PRODUCT, sparsevec("{1:1,2:2}/2"), sparsevec("{1:2,2:4}/2")),
        row("sparsevec", "SELECT inner_product('{1:1,2:2}/2'::sparsevec, '{1:3}/1');", error("different sparsevec dimensions 2 and 1"), Call.INNER_PRODUCT, sparsevec("{1:1,2:2}/2"), sparsevec("{1:3}/1")),
        row("sparsevec", "SELECT inner_product('{1:1,3:3}/4'::sparsevec, '{2:2,4:4}/4');", value("0"), Call.INNER_PRODUCT, sparsevec("{1:1,3:3}/4"), sparsevec("{2:2,4:4}/4")),
        row("sparsevec", "SELECT inner_product('{2:2,4:4}/4'::sparsevec, '{1:1,3:3}/4');", value("0"), Call.INNER_PRODUCT, sparsevec("{2:2,4:4}/4"), sparsevec("{1:1,3:3}/4")),
        row("sparsevec", "SELECT inner_product('{1:1,3:3,5:5}/5'::sparsevec, '{2:4,3:6,4:8}/5');", value("18"), Call.INNER_PRODUCT, sparsevec("{1:1,3:3,5:5}/5"), sparsevec("{2:4,3:6,4:8}/5")),
        row("sparsevec", "SELECT inner_product('{1:1}/2'::sparsevec, '{}/2');", value("0"), Call.INNER_PRODUCT, sparsevec("{1:1}/2"), sparsevec("{}/2")),
        row("sparsevec", "SELECT inner_product('{}/2'::sparsevec, '{1:1}/2');", value("0"), Call.INNER_PRODUCT, sparsevec("{}/2"), sparsevec("{1:1}/2")),
        row("sparsevec", "SELECT inner_product('{1:3e38}/1'::sparsevec, '{1:3e38}/1');", value("Infinity"), Call.INNER_PRODUCT, sparsevec("{1:3e38}/1"), sparsevec("{1:3e38}/1")),
        row("sparsevec", "SELECT inner_product('{1:1,3:3,5:5}/5'::sparsevec, '{2:4,3:6,4:8}/5');", value("18"), Call.INNER_PRODUCT, sparsevec("{1:1,3:3,5:5}/5"), sparsevec("{2:4,3:6,4:8}/5")),
        row("sparsevec", "SELECT '{1:1,2:2}/2'::sparsevec <#> '{1:3,2:4}/2';", value("-11"), Call.NEGATIVE_INNER_PRODUCT_OPERATOR, sparsevec("{1:1,2:2}/2"), sparsevec("{1:3,2:4}/2")),
        row("sparsevec", "SELECT cosine_distance('{1:1,2:2}/2'::sparsevec, '{1:2,2:4}/2');", value("0"), Call.COSINE_DISTANCE, sparsevec("{1:1,2:2}/2"), sparsevec("{1:2,2:4}/2")),
        row("sparsevec", "SELECT cosine_distance('{1:1,2:2}/2'::sparsevec, '{}/2');", value("NaN"), Call.COSINE_DISTANCE, sparsevec("{1:1,2:2}/2"), sparsevec("{}/2")),
        row("sparsevec", "SELECT cosine_distance('{1:1,2:1}/2'::sparsevec, '{1:1,2:1}/2');", value("0"), Call.COSINE_DISTANCE, sparsevec("{1:1,2:1}/2"), sparsevec("{1:1,2:1}/2")),
        row("sparsevec", "SELECT cosine_distance('{1:1}/2'::sparsevec, '{2:2}/2');", value("1"), Call.COSINE_DISTANCE, sparsevec("{1:1}/2"), sparsevec("{2:2}/2")),
        row("sparsevec", "SELECT cosine_distance('{1:1,2:1}/2'::sparsevec, '{1:-1,2:-1}/2');", value("2"), Call.COSINE_DISTANCE, sparsevec("{1:1,2:1}/2"), sparsevec("{1:-1,2:-1}/2")),
        row("sparsevec", "SELECT cosine_distance('{1:2}/2'::sparsevec, '{2:2}/2');", value("1"), Call.COSINE_DISTANCE, sparsevec("{1:2}/2"), sparsevec("{2:2}/2")),
        row("sparsevec", "SELECT cosine_distance('{2:2}/2'::sparsevec, '{1:2}/2');", value("1"), Call.COSINE_DISTANCE, sparsevec("{2:2}/2"), sparsevec("{1:2}/2")),
        row("sparsevec", "SELECT cosine_distance('{1:1,2:2}/2'::sparsevec, '{1:3}/1');", error("different sparsevec dimensions 2 and 1"), Call.COSINE_DISTANCE, sparsevec("{1:1,2:2}/2"), sparsevec("{1:3}/1")),
        row("sparsevec", "SELECT cosine_distance('{1:1,2:1}/2'::sparsevec, '{1:1.1,2:1.1}/2');", value("0"), Call.COSINE_DISTANCE, sparsevec("{1:1,2:1}/2"), sparsevec("{1:1.1,2:1.1}/2")),
        row("sparsevec", "SELECT cosine_distance('{1:1,2:1}/2'::sparsevec, '{1:-1.1,2:-1.1}/2');", value("2"), Call.COSINE_DISTANCE, sparsevec("{1:1,2:1}/2"), sparsevec("{1:-1.1,2:-1.1}/2")),
        row("sparsevec", "SELECT cosine_distance('{1:3e38}/1'::sparsevec, '{1:3e38}/1');", value("NaN"), Call.COSINE_DISTANCE, sparsevec("{1:3e38}/1"), sparsevec("{1:3e38}/1")),
        row("sparsevec", "SELECT cosine_distance('{}/1'::sparsevec, '{}/1');", value("NaN"), Call.COSINE_DISTANCE, sparsevec("{}/1"), sparsevec("{}/1")),
        row("sparsevec", "SELECT '{1:1,2:2}/2'::sparsevec <=> '{1:2,2:4}/2';", value("0"), Call.COSINE_OPERATOR, sparsevec("{1:1,2:2}/2"), sparsevec("{1:2,2:4}/2")),
        row("sparsevec", "SELECT l1_distance('{}/2'::sparsevec, '{1:3,2:4}/2');", value("7"), Call.L1_DISTANCE, sparsevec("{}/2"), sparsevec("{1:3,2:4}/2")),
        row("sparsevec", "SELECT l1_distance('{}/2'::sparsevec, '{2:1}/2');", value("1"), Call.L1_DISTANCE, sparsevec("{}/2"), sparsevec("{2:1}/2")),
        row("sparsevec", "SELECT l1_distance('{1:1,2:2}/2'::sparsevec, '{1:3}/1');", error("different sparsevec dimensions 2 and 1"), Call.L1_DISTANCE, sparsevec("{1:1,2:2}/2"), sparsevec("{1:3}/1")),
        row("sparsevec", "SELECT l1_distance('{1:3e38}/1'::sparsevec, '{1:-3e38}/1');", value("Infinity"), Call.L1_DISTANCE, sparsevec("{1:3e38}/1"), sparsevec("{1:-3e38}/1")),
        row("sparsevec", "SELECT l1_distance('{1:1,3:3,5:5,7:7}/8'::sparsevec, '{2:2,4:4,6:6,8:8}/8');", value("36"), Call.L1_DISTANCE, sparsevec("{1:1,3:3,5:5,7:7}/8"), sparsevec("{2:2,4:4,6:6,8:8}/8")),
        row("sparsevec", "SELECT l1_distance('{1:1,3:3,5:5,7:7,9:9}/9'::sparsevec, '{2:2,4:4,6:6,8:8}/9');", value("45"), Call.L1_DISTANCE, sparsevec("{1:1,3:3,5:5,7:7,9:9}/9"), sparsevec("{2:2,4:4,6:6,8:8}/9")),
        row("sparsevec", "SELECT '{}/2'::sparsevec <+> '{1:3,2:4}/2';", value("7"), Call.L1_OPERATOR, sparsevec("{}/2"), sparsevec("{1:3,2:4}/2")),
        row("sparsevec", "SELECT l2_normalize('{1:3,2:4}/2'::sparsevec);", value("{1:0.6,2:0.8}/2"), Call.L2_NORMALIZE, sparsevec("{1:3,2:4}/2")),
        row("sparsevec", "SELECT l2_normalize('{1:3}/2'::sparsevec);", value("{1:1}/2"), Call.L2_NORMALIZE, sparsevec("{1:3}/2")),
        row("sparsevec", "SELECT l2_normalize('{2:0.1}/2'::sparsevec);", value("{2:1}/2"), Call.L2_NORMALIZE, sparsevec("{2:0.1}/2")),
        row("sparsevec", "SELECT l2_normalize('{}/2'::sparsevec);", value("{}/2"), Call.L2_NORMALIZE, sparsevec("{}/2")),
        row("sparsevec", "SELECT l2_normalize('{1:3e38}/1'::sparsevec);", value("{1:1}/1"), Call.L2_NORMALIZE, sparsevec("{1:3e38}/1")),
        row("sparsevec", "SELECT l2_normalize('{1:3e38,2:1e-37}/2'::sparsevec);", value("{1:1}/2"), Call.L2_NORMALIZE, sparsevec("{1:3e38,2:1e-37}/2")),
        row("sparsevec", "SELECT l2_normalize('{2:3e37,4:3e-37,6:4e37,8:4e-37}/9'::sparsevec);", value("{2:0.6,6:0.8}/9"), Call.L2_NORMALIZE, sparsevec("{2:3e37,4:3e-37,6:4e37,8:4e-37}/9")),
        row("bit", "SELECT hamming_distance('111', '111');", value("0"), Call.HAMMING_DISTANCE, bit("111"), bit("111")),
        row("bit", "SELECT hamming_distance('111', '110');", value("1"), Call.HAMMING_DISTANCE, bit("111"), bit("110")),
        row("bit", "SELECT hamming_distance('111', '100');", value("2"), Call.HAMMING_DISTANCE, bit("111"), bit("100")),
        row("bit", "SELECT hamming_distance('111', '000');", value("3"), Call.HAMMING_DISTANCE, bit("111"), bit("000")),
        row("bit", "SELECT hamming_distance('10101010101010101010', '01010101010101010101');", value("20"), Call.HAMMING_DISTANCE, bit("10101010101010101010"), bit("01010101010101010101")),
        row("bit", "SELECT hamming_distance('101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101', '101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101');", value("0"), Call.HAMMING_DISTANCE, bit("101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101"), bit("101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101")),
        row("bit", "SELECT hamming_distance('101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101', '010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010');", value("513"), Call.HAMMING_DISTANCE, bit("101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101"), bit("010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010")),
        row("bit", "SELECT hamming_distance('110000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000011', '100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001');", value("2"), Call.HAMMING_DISTANCE, bit("110000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000011"), bit("100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001")),
        row("bit", "SELECT hamming_distance('', '');", value("0"), Call.HAMMING_DISTANCE, bit(""), bit("")),
        row("bit", "SELECT hamming_distance('111', '00');", error("different bit lengths 3 and 2"), Call.HAMMING_DISTANCE, bit("111"), bit("00")),
        row("bit", "SELECT hamming_distance('111', '000'::varbit(4));", value("3"), Call.HAMMING_DISTANCE, bit("111"), bit("000")),
        row("bit", "SELECT hamming_distance('111', '0000'::varbit(4));", error("different bit lengths 3 and 4"), Call.HAMMING_DISTANCE, bit("111"), bit("0000")),
        row("bit", "SELECT jaccard_distance('1111', '1111');", value("0"), Call.JACCARD_DISTANCE, bit("1111"), bit("1111")),
        row("bit", "SELECT jaccard_distance('1111', '1110');", value("0.25"), Call.JACCARD_DISTANCE, bit("1111"), bit("1110")),
        row("bit", "SELECT jaccard_distance('1111', '1100');", value("0.5"), Call.JACCARD_DISTANCE, bit("1111"), bit("1100")),
        row("bit", "SELECT jaccard_distance('1111', '1000');", value("0.75"), Call.JACCARD_DISTANCE, bit("1111"), bit("1000")),
        row("bit", "SELECT jaccard_distance('1111', '0000');", value("1"), Call.JACCARD_DISTANCE, bit("1111"), bit("0000")),
        row("bit", "SELECT jaccard_distance('1100', '1000');", value("0.5"), Call.JACCARD_DISTANCE, bit("1100"), bit("1000")),
        row("bit", "SELECT jaccard_distance('10101010101010101010', '01010101010101010101');", value("1"), Call.JACCARD_DISTANCE, bit("10101010101010101010"), bit("01010101010101010101")),
        row("bit", "SELECT jaccard_distance('101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101', '101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101');", value("0"), Call.JACCARD_DISTANCE, bit("101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101"), bit("101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101")),
        row("bit", "SELECT jaccard_distance('101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101', '010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010');", value("1"), Call.JACCARD_DISTANCE, bit("101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101"), bit("010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010101010")),
        row("bit", "SELECT jaccard_distance('110000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000011', '100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001');", value("0.5"), Call.JACCARD_DISTANCE, bit("110000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000011"), bit("100000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001")),
        row("bit", "SELECT jaccard_distance('', '');", value("1"), Call.JACCARD_DISTANCE, bit(""), bit("")),
        row("bit", "SELECT jaccard_distance('1111', '000');", error("different bit lengths 4 and 3"), Call.JACCARD_DISTANCE, bit("1111"), bit("000")),
        row("bit", "SELECT jaccard_distance('1111', '0000'::varbit(5));", value("1"), Call.JACCARD_DISTANCE, bit("1111"), bit("0000")),
        row("bit", "SELECT jaccard_distance('1111', '00000'::varbit(5));", error("different bit lengths 4 and 5"), Call.JACCARD_DISTANCE, bit("1111"), bit("00000")),
        row("cast", "SELECT '{1,2,3}'::real[]::vector;", value("[1,2,3]"), to("vector", -1), reals("1,2,3")),
        row("cast", "SELECT '{1,2,3}'::real[]::vector(3);", value("[1,2,3]"), to("vector", 3), reals("1,2,3")),
        row("cast", "SELECT '{1,2,3}'::real[]::vector(2);", error("expected 2 dimensions, not 3"), to("vector", 2), reals("1,2,3")),
        row("cast", "SELECT '{NaN}'::real[]::vector;", error("NaN not allowed in vector"), to("vector", -1), reals("NaN")),
        row("cast", "SELECT '{Infinity}'::real[]::vector;", error("infinite value not allowed in vector"), to("vector", -1), reals("Infinity")),
        row("cast", "SELECT '{-Infinity}'::real[]::vector;", error("infinite value not allowed in vector"), to("vector", -1), reals("-Infinity")),
        row("cast", "SELECT '{}'::real[]::vector;", error("vector must have at least 1 dimension"), to("vector", -1), reals("")),
        row("cast", "SELECT '{1,2,3}'::double precision[]::vector;", value("[1,2,3]"), to("vector", -1), doubles("1,2,3")),
        row("cast", "SELECT '{1,2,3}'::double precision[]::vector(3);", value("[1,2,3]"), to("vector", 3), doubles("1,2,3")),
        row("cast", "SELECT '{1,2,3}'::double precision[]::vector(2);", error("expected 2 dimensions, not 3"), to("vector", 2), doubles("1,2,3")),
        row("cast", "SELECT '{4e38,-4e38}'::double precision[]::vector;", error("infinite value not allowed in vector"), to("vector", -1), doubles("4e38,-4e38")),
        row("cast", "SELECT '{1e-46,-1e-46}'::double precision[]::vector;", value("[0,-0]"), to("vector", -1), doubles("1e-46,-1e-46")),
        row("cast", "SELECT '[1,2,3]'::vector::halfvec;", value("[1,2,3]"), to("halfvec", -1), vector("[1,2,3]")),
        row("cast", "SELECT '[1,2,3]'::vector::halfvec(3);", value("[1,2,3]"), to("halfvec", 3), vector("[1,2,3]")),
        row("cast", "SELECT '[1,2,3]'::vector::halfvec(2);", error("expected 2 dimensions, not 3"), to("halfvec", 2), vector("[1,2,3]")),
        row("cast", "SELECT '[65520]'::vector::halfvec;", error("\"65520\" is out of range for type halfvec"), to("halfvec", -1), vector("[65520]")),
        row("cast", "SELECT '[1e-8]'::vector::halfvec;", value("[0]"), to("halfvec", -1), vector("[1e-8]")),
        row("cast", "SELECT '[1,2,3]'::halfvec::vector;", value("[1,2,3]"), to("vector", -1), halfvec("[1,2,3]")),
        row("cast", "SELECT '[1,2,3]'::halfvec::vector(3);", value("[1,2,3]"), to("vector", 3), halfvec("[1,2,3]")),
        row("cast", "SELECT '[1,2,3]'::halfvec::vector(2);", error("expected 2 dimensions, not 3"), to("vector", 2), halfvec("[1,2,3]")),
        row("cast", "SELECT '{1,2,3}'::real[]::halfvec;", value("[1,2,3]"), to("halfvec", -1), reals("1,2,3")),
        row("cast", "SELECT '{1,2,3}'::real[]::halfvec(3);", value("[1,2,3]"), to("halfvec", 3), reals("1,2,3")),
        row("cast", "SELECT '{1,2,3}'::real[]::halfvec(2);", error("expected 2 dimensions, not 3"), to("halfvec", 2), reals("1,2,3")),
        row("cast", "SELECT '{65520,-65520}'::real[]::halfvec;", error("\"65520\" is out of range for type halfvec"), to("halfvec", -1), reals("65520,-65520")),
        row("cast", "SELECT '{1e-8,-1e-8}'::real[]::halfvec;", value("[0,-0]"), to("halfvec", -1), reals("1e-8,-1e-8")),
        row("cast", "SELECT '[0,1.5,0,3.5,0]'::vector::sparsevec;", value("{2:1.5,4:3.5}/5"), to("sparsevec", -1), vector("[0,1.5,0,3.5,0]")),
        row("cast", "SELECT '[0,1.5,0,3.5,0]'::vector::sparsevec(5);", value("{2:1.5,4:3.5}/5"), to("sparsevec", 5), vector("[0,1.5,0,3.5,0]")),
        row("cast", "SELECT '[0,1.5,0,3.5,0]'::vector::sparsevec(4);", error("expected 4 dimensions, not 5"), to("sparsevec", 4), vector("[0,1.5,0,3.5,0]")),
        row("cast", "SELECT '{2:1.5,4:3.5}/5'::sparsevec::vector;", value("[0,1.5,0,3.5,0]"), to("vector", -1), sparsevec("{2:1.5,4:3.5}/5")),
        row("cast", "SELECT '{2:1.5,4:3.5}/5'::sparsevec::vector(5);", value("[0,1.5,0,3.5,0]"), to("vector", 5), sparsevec("{2:1.5,4:3.5}/5")),
        row("cast", "SELECT '{2:1.5,4:3.5}/5'::sparsevec::vector(4);", error("expected 4 dimensions, not 5"), to("vector", 4), sparsevec("{2:1.5,4:3.5}/5")),
        row("cast", "SELECT '{}/16001'::sparsevec::vector;", error("vector cannot have more than 16000 dimensions"), to("vector", -1), sparsevec("{}/16001")),
        row("cast", "SELECT '[0,1.5,0,3.5,0]'::halfvec::sparsevec;", value("{2:1.5,4:3.5}/5"), to("sparsevec", -1), halfvec("[0,1.5,0,3.5,0]")),
        row("cast", "SELECT '[0,1.5,0,3.5,0]'::halfvec::sparsevec(5);", value("{2:1.5,4:3.5}/5"), to("sparsevec", 5), halfvec("[0,1.5,0,3.5,0]")),
        row("cast", "SELECT '[0,1.5,0,3.5,0]'::halfvec::sparsevec(4);", error("expected 4 dimensions, not 5"), to("sparsevec", 4), halfvec("[0,1.5,0,3.5,0]")),
        row("cast", "SELECT '{2:1.5,4:3.5}/5'::sparsevec::halfvec;", value("[0,1.5,0,3.5,0]"), to("halfvec", -1), sparsevec("{2:1.5,4:3.5}/5")),
        row("cast", "SELECT '{2:1.5,4:3.5}/5'::sparsevec::halfvec(5);", value("[0,1.5,0,3.5,0]"), to("halfvec", 5), sparsevec("{2:1.5,4:3.5}/5")),
        row("cast", "SELECT '{2:1.5,4:3.5}/5'::sparsevec::halfvec(4);", error("expected 4 dimensions, not 5"), to("halfvec", 4), sparsevec("{2:1.5,4:3.5}/5")),
        row("cast", "SELECT '{}/16001'::sparsevec::halfvec;", error("halfvec cannot have more than 16000 dimensions"), to("halfvec", -1), sparsevec("{}/16001")),
        row("cast", "SELECT '{1:65520}/1'::sparsevec::halfvec;", error("\"65520\" is out of range for type halfvec"), to("halfvec", -1), sparsevec("{1:65520}/1")),
        row("cast", "SELECT '{1:1e-8}/1'::sparsevec::halfvec;", value("[0]"), to("halfvec", -1), sparsevec("{1:1e-8}/1")),
        row("cast", "SELECT '{1,0,2,0,3,0}'::real[]::sparsevec;", value("{1:1,3:2,5:3}/6"), to("sparsevec", -1), reals("1,0,2,0,3,0")),
        row("cast", "SELECT '{1,0,2,0,3,0}'::real[]::sparsevec(6);", value("{1:1,3:2,5:3}/6"), to("sparsevec", 6), reals("1,0,2,0,3,0")),
        row("cast", "SELECT '{1,0,2,0,3,0}'::real[]::sparsevec(5);", error("expected 5 dimensions, not 6"), to("sparsevec", 5), reals("1,0,2,0,3,0")),
        row("cast", "SELECT '{NaN}'::real[]::sparsevec;", error("NaN not allowed in sparsevec"), to("sparsevec", -1), reals("NaN")),
        row("cast", "SELECT '{Infinity}'::real[]::sparsevec;", error("infinite value not allowed in sparsevec"), to("sparsevec", -1), reals("Infinity")),
        row("cast", "SELECT '{-Infinity}'::real[]::sparsevec;", error("infinite value not allowed in sparsevec"), to("sparsevec", -1), reals("-Infinity")),
        row("cast", "SELECT '{}'::real[]::sparsevec;", error("sparsevec must have at least 1 dimension"), to("sparsevec", -1), reals("")),
        row("vector-orm", "SELECT l2_distance('[NaN,1]'::vector, '[1,1]');", error("NaN not allowed in vector"), Call.L2_DISTANCE, vector("[NaN,1]"), vector("[1,1]")),
        row("vector-orm", "SELECT inner_product('[Infinity,1]'::vector, '[1,1]');", error("infinite value not allowed in vector"), Call.INNER_PRODUCT, vector("[Infinity,1]"), vector("[1,1]")),
        row("vector-orm", "SELECT cosine_distance('[]'::vector, '[]');", error("vector must have at least 1 dimension"), Call.COSINE_DISTANCE, vector("[]"), vector("[]")),
        row("vector-orm", "SELECT l1_distance('[1,NaN]'::halfvec, '[1,1]');", error("NaN not allowed in halfvec"), Call.L1_DISTANCE, halfvec("[1,NaN]"), halfvec("[1,1]")),
        row("vector-orm", "SELECT l2_distance('{1:NaN}/2'::sparsevec, '{}/2');", error("NaN not allowed in sparsevec"), Call.L2_DISTANCE, sparsevec("{1:NaN}/2"), sparsevec("{}/2")),
        row("vector-orm", "SELECT l2_normalize('[NaN,1]'::vector);", error("NaN not allowed in vector"), Call.L2_NORMALIZE, vector("[NaN,1]")),
        row("vector-orm", "SELECT l2_normalize('[]'::vector);", error("vector must have at least 1 dimension"), Call.L2_NORMALIZE, vector("[]")),
        row("vector-orm", "SELECT l2_normalize('[1,-Infinity]'::halfvec);", error("infinite value not allowed in halfvec"), Call.L2_NORMALIZE, halfvec("[1,-Infinity]")),
        row("vector-orm", "SELECT l2_normalize('[0.1,0.2,0.3]'::halfvec);", value("[0.26708984,0.5341797,0.8017578]"), Call.L2_NORMALIZE, halfvec("[0.1,0.2,0.3]")),
        row("vector-orm", "SELECT l2_normalize('[1,2,3,4,5,6,7,8,9]'::halfvec);", value("[0.05923462,0.11846924,0.17773438,0.23693848,0.29614258,0.35546875,0.41455078,0.47387695,0.5332031]"), Call.L2_NORMALIZE, halfvec("[1,2,3,4,5,6,7,8,9]")),
        row("vector-orm", "SELECT hamming_distance('', '1');", error("different bit lengths 0 and 1"), Call.HAMMING_DISTANCE, bit(""), bit("1")),
        row("vector-orm", "SELECT jaccard_distance('0', '');", error("different bit lengths 1 and 0"), Call.JACCARD_DISTANCE, bit("0"), bit("")),
        row("vector-orm", "SELECT binary_quantize('[NaN]'::vector);", error("NaN not allowed in vector"), Call.BINARY_QUANTIZE, vector("[NaN]")),
        row("vector-orm", "SELECT vector_dims('[]'::vector);", error("vector must have at least 1 dimension"), Call.VECTOR_DIMS, vector("[]")),
        row("vector-orm", "SELECT l2_norm('101'::bit);", error("function l2_norm(bit) does not exist"), Call.L2_NORM, bit("101")),
        row("vector-orm", "SELECT vector_norm('101'::bit);", error("function vector_norm(bit) does not exist"), Call.VECTOR_NORM, bit("101"))
    );

    private PgVectorCases() {
    }

    private static PgVectorCase row(String source, String sql, PgVectorCase.Expected expected, Call call, Arg... args) {
        return new PgVectorCase(source, sql, call, null, -1, List.of(args), expected);
    }

    private static PgVectorCase row(String source, String sql, PgVectorCase.Expected expected, Cast cast, Arg... args) {
        return new PgVectorCase(source, sql, Call.CAST, cast.type, cast.typmod, List.of(args), expected);
    }

    private static PgVectorCase row(String source, String sql, PgVectorCase.Expected expected, Aggregate aggregate,
            Arg... rows) {
        return new PgVectorCase(source, sql, aggregate.call, aggregate.type, -1, List.of(rows), expected);
    }

    private record Aggregate(Call call, String type) {
    }

    private static Aggregate over(Call call, String type) {
        return new Aggregate(call, type);
    }

    private static PgVectorCase.Expected sqlNull() {
        return new PgVectorCase.Expected(false, null, false);
    }

    private static PgVectorCase.Expected value(String text) {
        return new PgVectorCase.Expected(false, text, false);
    }

    private static PgVectorCase.Expected real(String text) {
        return new PgVectorCase.Expected(false, text, true);
    }

    private static PgVectorCase.Expected error(String message) {
        return new PgVectorCase.Expected(true, message, false);
    }

    private record Cast(String type, int typmod) {
    }

    private static Cast to(String type, int typmod) {
        return new Cast(type, typmod);
    }

    private static Arg vector(String text) {
        return new Arg(Arg.Kind.VECTOR, text);
    }

    private static Arg halfvec(String text) {
        return new Arg(Arg.Kind.HALFVEC, text);
    }

    private static Arg sparsevec(String text) {
        return new Arg(Arg.Kind.SPARSEVEC, text);
    }

    private static Arg bit(String text) {
        return new Arg(Arg.Kind.BIT, text);
    }

    private static Arg integer(int value) {
        return new Arg(Arg.Kind.INTEGER, Integer.toString(value));
    }

    private static Arg text(String text) {
        return new Arg(Arg.Kind.TEXT, text);
    }

    private static Arg reals(String elements) {
        return new Arg(Arg.Kind.REALS, elements);
    }

    private static Arg doubles(String elements) {
        return new Arg(Arg.Kind.DOUBLES, elements);
    }
}
