package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.pgvector.PGbit;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.CustomRecord;
import org.jooq.impl.CustomTable;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jooq.TableField;
import org.junit.jupiter.api.Test;

/** Records go in with COPY (FORMAT BINARY), all or nothing. */
@PgVectorDatabase
class VectorCopyTest {

    /** A hand-written table with a vector column, as a code generator would produce it. */
    static final class Docs extends CustomTable<DocRecord> {
        static final Docs DOCS = new Docs();
        final TableField<DocRecord, Long> id = createField(DSL.name("id"), SQLDataType.BIGINT);
        final TableField<DocRecord, String> title = createField(DSL.name("title"), SQLDataType.VARCHAR);
        final TableField<DocRecord, LocalDate> published = createField(DSL.name("published"), SQLDataType.LOCALDATE);
        final TableField<DocRecord, float[]> embedding = createField(DSL.name("embedding"), VectorDataTypes.vector(3));
        final TableField<DocRecord, PGbit> signature = createField(DSL.name("signature"), VectorDataTypes.bit(4));

        Docs() {
            super(DSL.name("docs"));
        }

        @Override
        public Class<DocRecord> getRecordType() {
            return DocRecord.class;
        }
    }

    /** The record of {@link Docs}. */
    public static final class DocRecord extends CustomRecord<DocRecord> {
        /** For jOOQ's reflection. */
        public DocRecord() {
            super(Docs.DOCS);
        }
    }

    @Test
    void copiesRecordsWithVectorsAndLeavesUnsetColumnsToTheServer(TestDatabase db) throws SQLException {
        db.execute("create table docs (id bigint generated always as identity, title text, published date,"
                + " embedding vector(3), signature bit(4))");
        Docs docs = Docs.DOCS;
        try (Connection connection = DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(db.jdbcUrl()))) {
            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            List<DocRecord> records = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                DocRecord record = dsl.newRecord(docs);
                record.set(docs.title, "doc " + i);
                record.set(docs.published, LocalDate.of(2024, 1, 1).plusDays(i));
                record.set(docs.embedding, new float[] {i, i / 2f, -i});
                record.set(docs.signature, new PGbit(new boolean[] {i % 2 == 0, true, false, i % 3 == 0}));
                records.add(record);
            }
            assertThat(VectorCopy.copy(dsl, docs, records)).isEqualTo(50);

            Record row = dsl.select(docs.id, docs.published, docs.embedding, docs.signature).from(docs)
                    .where(docs.title.eq("doc 7")).fetchOne();
            assertThat(row.get(docs.id)).isEqualTo(8L); // the identity column was left to the server
            assertThat(row.get(docs.published)).isEqualTo(LocalDate.of(2024, 1, 8));
            assertThat(row.get(docs.embedding)).containsExactly(7f, 3.5f, -7f);
            assertThat(row.get(docs.signature).getValue()).isEqualTo("0100");

            // a NaN in row 3 rejects the whole COPY, naming the column and row
            List<DocRecord> bad = new ArrayList<>(records.subList(0, 2));
            DocRecord nan = dsl.newRecord(docs);
            nan.set(docs.title, "nan");
            nan.set(docs.embedding, new float[] {1f, Float.NaN, 0f});
            bad.add(nan);
            assertThatThrownBy(() -> VectorCopy.copy(dsl, docs, bad)).isInstanceOf(VectorValidationException.class)
                    .hasMessageContaining("docs.embedding (row 3)").hasMessageContaining("NaN");
            assertThat(dsl.fetchCount(docs)).isEqualTo(50);

            Table<Record> plain = DSL.table(DSL.name("docs"));
            Field<Object> unknown = DSL.field(DSL.name("title"), SQLDataType.OTHER);
            assertThatThrownBy(() -> VectorCopy.copy(dsl, plain, List.of(dsl.newRecord(unknown)), List.of(unknown)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("docs.title").hasMessageContaining("cannot encode");
        }
    }
}
