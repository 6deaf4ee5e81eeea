package io.github.vectororm.jooq.internal;

import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.jooq.bindings.VectorBinding;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Name;

/** Maps jOOQ fields to {@link CopyType}s and their values to what the COPY encoder takes. Not API. */
public final class CopyColumns {

    private static final Pattern PLAIN_LOWER = Pattern.compile("[a-z_][a-z0-9_$]*");
    private static final Map<Class<?>, CopyType> BY_DATABASE_TYPE = Map.ofEntries(
            Map.entry(Long.class, CopyType.BIGINT),
            Map.entry(Integer.class, CopyType.INTEGER),
            Map.entry(Short.class, CopyType.SMALLINT),
            Map.entry(Float.class, CopyType.REAL),
            Map.entry(Double.class, CopyType.DOUBLE_PRECISION),
            Map.entry(Boolean.class, CopyType.BOOLEAN),
            Map.entry(String.class, CopyType.TEXT),
            Map.entry(JSONB.class, CopyType.JSONB),
            Map.entry(UUID.class, CopyType.UUID),
            Map.entry(byte[].class, CopyType.BYTEA),
            Map.entry(LocalDate.class, CopyType.DATE),
            Map.entry(java.sql.Date.class, CopyType.DATE),
            Map.entry(LocalDateTime.class, CopyType.TIMESTAMP),
            Map.entry(java.sql.Timestamp.class, CopyType.TIMESTAMP),
            Map.entry(OffsetDateTime.class, CopyType.TIMESTAMPTZ));

    private CopyColumns() {
    }

    /**
     * @param field a column
     * @param table the table's name, for the message
     * @return how COPY encodes it
     * @throws IllegalArgumentException if COPY cannot encode the column's type
     */
    public static CopyType copyType(Field<?> field, String table) {
        DataType<?> type = field.getDataType();
        if (type.getBinding() instanceof VectorBinding<?, ?> vector) {
            return CopyType.of(vector.vectorType());
        }
        CopyType copyType = BY_DATABASE_TYPE.get(type.getFromType());
        if (copyType == null) {
            throw new IllegalArgumentException("column " + table + "." + field.getName() + " has type " + type.getTypeName()
                    + " (" + type.getFromType().getName() + "), which the binary COPY cannot encode; supported:"
                    + " pgvector types and " + BY_DATABASE_TYPE.values().stream().distinct().toList());
        }
        return copyType;
    }

    /**
     * @param field a column
     * @param value the record's (user-side) value
     * @return the value the COPY encoder takes for the column's type
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object copyValue(Field<?> field, Object value) {
        if (value == null || field.getDataType().getBinding() instanceof VectorBinding<?, ?>) {
            return value; // the COPY encoder takes the vector Java types directly
        }
        Object database = ((org.jooq.Converter) field.getDataType().getConverter()).to(value);
        return switch (database) {
            case java.sql.Date d -> d.toLocalDate();
            case java.sql.Timestamp t -> t.toLocalDateTime();
            case JSONB j -> j.data();
            case null -> null;
            default -> database;
        };
    }

    /**
     * Renders a jOOQ name for vector-core's identifier rules: plain lower-case parts as written, others quoted.
     *
     * @param name a possibly qualified name
     * @return e.g. {@code app.items} or {@code "Items"}
     */
    public static String sqlName(Name name) {
        StringBuilder sql = new StringBuilder();
        for (String part : name.getName()) {
            if (part == null || part.isEmpty()) {
                continue;
            }
            if (!sql.isEmpty()) {
                sql.append('.');
            }
            sql.append(PLAIN_LOWER.matcher(part).matches() ? part : '"' + part.replace("\"", "\"\"") + '"');
        }
        return sql.toString();
    }
}
