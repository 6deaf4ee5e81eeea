package io.github.vectororm.springai;

import io.github.vectororm.test.TestDatabase;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.springframework.ai.vectorstore.VectorStore;

/** Runs one test of Spring AI's conformance suite on a fresh vector-orm store (the table dropped first). */
final class ConformanceSupport {

    private ConformanceSupport() {
    }

    static void run(TestDatabase db, String table, UnaryOperator<VectorOrmVectorStore.Builder> configuration,
            Consumer<VectorStore> test) {
        try {
            db.execute("drop table if exists " + table);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        VectorOrmVectorStore store = configuration.apply(VectorOrmVectorStore.builder(db.dataSource(),
                MiniLmEmbeddingModel.INSTANCE).table(table).initializeSchema(true)).build();
        test.accept(store);
    }
}
