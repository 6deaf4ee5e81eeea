package io.github.vectororm.jooq;

import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.jooq.internal.CopyColumns;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Bulk-loads jOOQ records into a table with vector-core's {@link VectorCopyWriter}
 * ({@code COPY ... FROM STDIN (FORMAT BINARY)}, vectors in pgvector's binary form): all rows or none.
 *
 * <pre>{@code
 * List<AnimalsRecord> records = ...; // dsl.newRecord(ANIMALS) with values set
 * long written = VectorCopy.copy(dsl, ANIMALS, records);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class VectorCopy {

    private VectorCopy() {
    }

    /**
     * Copies the records' values of the table's columns that any record has set ({@code Record.changed(field)}), so
     * columns no record sets (an identity, a default) are left to the server; a record that did not set one of the
     * copied columns writes NULL there. Records that set nothing (e.g. fetched ones) copy every table column they have.
     *
     * @param dsl the context whose connection runs the COPY
     * @param table the target table
     * @param records the rows
     * @return the number of rows written
     * @throws IllegalArgumentException if a column's type cannot be copied in binary, or a value does not fit
     * @throws io.github.vectororm.core.VectorValidationException if a vector value is invalid (nothing is written)
     * @since 0.1.0
     */
    public static long copy(DSLContext dsl, Table<?> table, Collection<? extends Record> records) {
        return copy(dsl, table, records, columns(table, records));
    }

    /**
     * Copies the given columns of the records.
     *
     * @param dsl the context whose connection runs the COPY
     * @param table the target table
     * @param records the rows
     * @param columns the columns to write, each read from every record
     * @return the number of rows written
     * @throws IllegalArgumentException if a column's type cannot be copied in binary, or a value does not fit
     * @throws io.github.vectororm.core.VectorValidationException if a vector value is invalid (nothing is written)
     * @since 0.1.0
     */
    public static long copy(DSLContext dsl, Table<?> table, Collection<? extends Record> records, List<? extends Field<?>> columns) {
        if (records.isEmpty()) {
            return 0;
        }
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("COPY into " + table.getName() + ": no column to write");
        }
        String tableName = CopyColumns.sqlName(table.getQualifiedName());
        List<CopyType> types = new ArrayList<>(columns.size());
        for (Field<?> column : columns) {
            types.add(CopyColumns.copyType(column, tableName));
        }
        return dsl.connectionResult(connection -> {
            VectorCopyWriter.Builder builder = VectorCopyWriter.into(connection, tableName);
            for (int i = 0; i < columns.size(); i++) {
                builder.column(CopyColumns.sqlName(columns.get(i).getUnqualifiedName()), types.get(i));
            }
            try (VectorCopyWriter writer = builder.open()) {
                Object[] values = new Object[columns.size()];
                for (Record record : records) {
                    for (int i = 0; i < values.length; i++) {
                        Field<?> column = columns.get(i);
                        values[i] = CopyColumns.copyValue(column, record.get(column));
                    }
                    writer.addRow(values);
                }
                return writer.finish();
            }
        });
    }

    private static List<Field<?>> columns(Table<?> table, Collection<? extends Record> records) {
        List<Field<?>> changed = new ArrayList<>();
        for (Field<?> field : table.fields()) {
            if (records.stream().anyMatch(r -> r.field(field) != null && r.changed(field))) {
                changed.add(field);
            }
        }
        if (!changed.isEmpty()) {
            return changed;
        }
        Record first = records.iterator().next();
        List<Field<?>> present = new ArrayList<>();
        for (Field<?> field : table.fields()) {
            if (first.field(field) != null) {
                present.add(field);
            }
        }
        return present;
    }
}
