package io.github.vectororm.core.filter;

import io.github.vectororm.core.internal.Identifiers;
import io.github.vectororm.core.internal.JsonText;
import io.github.vectororm.core.search.Filter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a {@link MetadataFilter} to an SQL condition on a {@code jsonb} column, every value bound: the tree
 * becomes one SQL/JSON path predicate whose values are variables of a bound {@code jsonb} object,
 * <pre>{@code
 * jsonb_path_match(metadata, ?::jsonpath, ?::jsonb, true)
 * -- ? = '($."country" == $v0 && $."year" >= $v1)'   ? = '{"v0":"BG","v1":2020}'
 * }</pre>
 * so no value ever appears in the SQL or in the path text; keys are written into the path as quoted
 * SQL/JSON path strings (the path itself is a bound value too). A {@link MetadataFilter.ContainsString} has no
 * path form with a bound value (SQL/JSON path's {@code like_regex} takes a literal only), so a tree holding one
 * combines its parts with SQL {@code AND}/{@code OR}/{@code NOT} and tests the substring with {@code strpos}.
 *
 * <p>Silent mode ({@code true}): a comparison of values of different JSON types is neither true nor false, so the
 * document does not match, also under {@code not}; a missing key makes a comparison false.
 *
 * @since 0.1.0
 */
public final class MetadataFilterSql {

    private MetadataFilterSql() {
    }

    /**
     * Renders a filter over a metadata column.
     *
     * @param filter the condition
     * @param metadataColumn the {@code jsonb} column, validated like every identifier
     * @return the SQL condition with its bound values, usable wherever vector-core takes a {@link Filter}
     */
    public static Filter toSql(MetadataFilter filter, String metadataColumn) {
        Objects.requireNonNull(filter, "filter");
        String column = Identifiers.identifier("column", metadataColumn);
        List<Object> parameters = new ArrayList<>();
        String sql = sql(filter, column, parameters);
        return new Filter(sql, parameters);
    }

    /**
     * The SQL/JSON path form of a filter and its variables, for callers that run {@code jsonb_path_match} or
     * {@code @@} themselves.
     *
     * @param filter the condition; it must not hold a {@link MetadataFilter.ContainsString}
     * @return the path text and the variables object as JSON text
     * @throws IllegalArgumentException if the filter has no path form
     */
    public static JsonPath toJsonPath(MetadataFilter filter) {
        Objects.requireNonNull(filter, "filter");
        if (!pathExpressible(filter)) {
            throw new IllegalArgumentException("a containsString condition has no SQL/JSON path form with a bound value");
        }
        Map<String, Object> vars = new LinkedHashMap<>();
        StringBuilder path = new StringBuilder();
        path(filter, path, vars);
        StringBuilder json = new StringBuilder();
        JsonText.write(json, vars);
        return new JsonPath(path.toString(), json.toString());
    }

    /**
     * An SQL/JSON path predicate and the variables it reads.
     *
     * @param path the path text, e.g. {@code $."year" >= $v0}
     * @param vars the variables as a JSON object, e.g. {@code {"v0":2020}}
     */
    public record JsonPath(String path, String vars) {
    }

    private static String sql(MetadataFilter filter, String column, List<Object> parameters) {
        if (pathExpressible(filter)) {
            JsonPath path = toJsonPath(filter);
            parameters.add(path.path());
            parameters.add(path.vars());
            return "jsonb_path_match(" + column + ", ?::jsonpath, ?::jsonb, true)";
        }
        if (filter instanceof MetadataFilter.ContainsString contains) {
            parameters.add(contains.key());
            parameters.add(contains.key());
            parameters.add(contains.part());
            // false, not null, for an absent key, as a path comparison is: so not(containsString) matches it too
            return "coalesce(jsonb_typeof(" + column + " -> ?::text) = 'string' AND strpos(" + column
                    + " ->> ?::text, ?::text) > 0, false)";
        }
        if (filter instanceof MetadataFilter.Not not) {
            return "(NOT " + sql(not.filter(), column, parameters) + ")";
        }
        List<MetadataFilter> operands = filter instanceof MetadataFilter.And and ? and.filters()
                : ((MetadataFilter.Or) filter).filters();
        String joiner = filter instanceof MetadataFilter.And ? " AND " : " OR ";
        StringBuilder sql = new StringBuilder("(");
        for (int i = 0; i < operands.size(); i++) {
            sql.append(i == 0 ? "" : joiner).append(sql(operands.get(i), column, parameters));
        }
        return sql.append(')').toString();
    }

    private static boolean pathExpressible(MetadataFilter filter) {
        if (filter instanceof MetadataFilter.ContainsString) {
            return false;
        }
        if (filter instanceof MetadataFilter.Not not) {
            return pathExpressible(not.filter());
        }
        if (filter instanceof MetadataFilter.And and) {
            return and.filters().stream().allMatch(MetadataFilterSql::pathExpressible);
        }
        if (filter instanceof MetadataFilter.Or or) {
            return or.filters().stream().allMatch(MetadataFilterSql::pathExpressible);
        }
        return true;
    }

    private static void path(MetadataFilter filter, StringBuilder path, Map<String, Object> vars) {
        if (filter instanceof MetadataFilter.Comparison c) {
            key(path, c.key());
            path.append(' ').append(c.operator().jsonPath()).append(' ').append(variable(vars, c.value()));
        } else if (filter instanceof MetadataFilter.In in) {
            // a comparison with a sequence is true when one pair compares true: the key equals one of the values
            path.append(in.negated() ? "!(" : "");
            key(path, in.key());
            path.append(" == ").append(variable(vars, in.values())).append("[*]").append(in.negated() ? ")" : "");
        } else if (filter instanceof MetadataFilter.IsNull isNull) {
            // .type() does not unwrap arrays in lax mode; an absent key yields no item, so the comparison is false
            path.append(isNull.negated() ? "" : "!(");
            key(path, isNull.key());
            path.append(".type() != \"null\"").append(isNull.negated() ? "" : ")");
        } else if (filter instanceof MetadataFilter.Not not) {
            path.append("!(");
            path(not.filter(), path, vars);
            path.append(')');
        } else {
            boolean and = filter instanceof MetadataFilter.And;
            List<MetadataFilter> operands = and ? ((MetadataFilter.And) filter).filters()
                    : ((MetadataFilter.Or) filter).filters();
            path.append('(');
            for (int i = 0; i < operands.size(); i++) {
                path.append(i == 0 ? "" : and ? " && " : " || ");
                path(operands.get(i), path, vars);
            }
            path.append(')');
        }
    }

    private static void key(StringBuilder path, String key) {
        path.append("$.");
        JsonText.string(path, key);
    }

    private static String variable(Map<String, Object> vars, Object value) {
        String name = "v" + vars.size();
        vars.put(name, value);
        return "$" + name;
    }
}
