package io.github.vectororm.core.search;

import io.github.vectororm.core.copy.CopyType;
import io.github.vectororm.core.copy.VectorCopyWriter;
import io.github.vectororm.test.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Random;

/** Clustered test vectors: points scattered around a few centres, so nearest neighbors are well defined. */
final class SearchData {

    private SearchData() {
    }

    static float[][] centres(int count, int dimensions, long seed) {
        Random random = new Random(seed);
        float[][] centres = new float[count][dimensions];
        for (float[] centre : centres) {
            for (int d = 0; d < dimensions; d++) {
                centre[d] = (float) random.nextGaussian();
            }
        }
        return centres;
    }

    static float[] near(float[] centre, double spread, Random random) {
        float[] v = new float[centre.length];
        for (int d = 0; d < v.length; d++) {
            v[d] = centre[d] + (float) (random.nextGaussian() * spread);
        }
        return v;
    }

    /** Creates {@code table(id bigint, category int, embedding vector(n))} and loads clustered rows by COPY. */
    static void load(TestDatabase db, String table, int rows, float[][] centres, double spread, long seed) throws SQLException {
        int dimensions = centres[0].length;
        db.execute("create table " + table + " (id bigint primary key, category int not null, embedding vector(" + dimensions + "))");
        Random random = new Random(seed);
        try (Connection c = db.connect(); VectorCopyWriter writer = VectorCopyWriter.into(c, table)
                .column("id", CopyType.BIGINT).column("category", CopyType.INTEGER).column("embedding", CopyType.VECTOR).open()) {
            for (int i = 0; i < rows; i++) {
                writer.addRow((long) i, i % 10, near(centres[i % centres.length], spread, random));
            }
            writer.finish();
        }
        db.execute("analyze " + table);
    }
}
