package io.github.vectororm.examples.quantized;

import io.github.vectororm.core.IndexBuilder;
import io.github.vectororm.core.IndexDefinition;
import io.github.vectororm.core.IndexedExpression;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.core.search.RecallAdvisor;
import io.github.vectororm.core.search.RecallAdvisor.RecallReport;
import io.github.vectororm.core.search.SqlQuery;
import io.github.vectororm.core.search.TwoStageSearch;
import io.github.vectororm.examples.corpus.Document;
import io.github.vectororm.examples.corpus.JavadocCorpus;
import io.github.vectororm.examples.embedding.Embedder;
import io.github.vectororm.examples.rag.LabelledQuery;
import io.github.vectororm.examples.search.CorpusTable;
import io.github.vectororm.examples.support.ExampleDatabase;
import io.github.vectororm.examples.support.SearchTransaction;
import io.github.vectororm.examples.support.Text;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two-stage (quantized) search and the index tooling of vector-core on the corpus:
 * <ol>
 *   <li>{@link IndexBuilder} builds the cosine HNSW index and an HNSW index over {@code binary_quantize(embedding)}
 *       (384 bits a row instead of 384 floats), printing the progress PostgreSQL reports for each;</li>
 *   <li>{@link TwoStageSearch} takes a shortlist by Hamming distance from the bit index and re-ranks it by exact
 *       cosine distance; its recall@10 against exact search is measured for several shortlist sizes;</li>
 *   <li>{@link RecallAdvisor} measures recall@10 and latency of the cosine HNSW index at several
 *       {@code hnsw.ef_search} values and names the smallest that reaches 95 %.</li>
 * </ol>
 * The query vectors are the embeddings of the labelled queries' texts ({@link LabelledQuery}).
 * Run: {@code bash scripts/examples.sh quantized [number-of-documents]}.
 */
public final class QuantizedSearchExample {

    /** How many neighbors are compared. */
    public static final int K = 10;

    /** The shortlist sizes measured. */
    public static final List<Integer> SHORTLISTS = List.of(10, 20, 40, 100);

    /** The {@code hnsw.ef_search} values the advisor measures. */
    public static final int[] EF_SEARCH = {10, 20, 40, 80};

    /** {@code binary_quantize(embedding)::bit(384)}: what the first stage searches. */
    public static final IndexedExpression BITS = IndexedExpression.binaryQuantize("embedding", Embedder.DIMENSIONS);

    /** The HNSW index over the bits, for Hamming distance. */
    public static final IndexDefinition BIT_INDEX = IndexDefinition.hnsw(CorpusTable.TABLE, BITS, Metric.HAMMING).build();

    /**
     * What the example measured.
     *
     * @param builds the two index builds, in order: cosine, bits
     * @param progressLines the progress reports printed during the builds
     * @param twoStageRecall mean recall@10 of the two-stage search against exact search, per shortlist size
     * @param twoStagePlan the plan of the two-stage query at the largest shortlist
     * @param advisor the recall advisor's report for the cosine HNSW index
     */
    public record Report(List<IndexBuilder.Result> builds, List<String> progressLines, Map<Integer, Double> twoStageRecall,
            String twoStagePlan, RecallReport advisor) {
    }

    private QuantizedSearchExample() {
    }

    /**
     * @param args optional: how many documents of the corpus to load (default: all)
     * @throws SQLException on a database error
     */
    public static void main(String[] args) throws SQLException {
        ExampleDatabase database = ExampleDatabase.forExample("quantized");
        List<String> queries = LabelledQuery.load().stream().map(LabelledQuery::text).toList();
        run(database, JavadocCorpus.sample(Text.documentLimit(args)), Embedder.allMiniLmL6V2(), queries, System.out);
    }

    /**
     * Loads the documents, builds both indexes, then measures the two-stage search and the cosine index.
     *
     * @param database where the table goes
     * @param documents the corpus or a part
     * @param embedder the model
     * @param queries the query texts
     * @param out where the results go
     * @return what was measured
     * @throws SQLException on a database error
     */
    public static Report run(ExampleDatabase database, List<Document> documents, Embedder embedder, List<String> queries,
            PrintStream out) throws SQLException {
        CorpusTable.createAndLoad(database, documents, embedder, out);
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(PgVectorTypes.withBinaryTransfer(database.jdbcUrl()));
        IndexBuilder builder = IndexBuilder.using(dataSource).maintenanceWorkMem("64MB");
        List<String> progressLines = new ArrayList<>();
        List<IndexBuilder.Result> builds = new ArrayList<>();
        for (IndexDefinition index : List.of(CorpusTable.COSINE_INDEX, BIT_INDEX)) {
            out.println("IndexBuilder: " + index.createSql());
            IndexBuilder.Result result = builder.build(index, p -> {
                String line = String.format(Locale.ROOT, "%s %.0f%%", p.phase(), 100 * p.fraction());
                progressLines.add(line);
                out.println("  " + line);
            });
            builds.add(result);
            out.printf(Locale.ROOT, "  built %s: %d kB in %.1f s%n", result.name(), result.sizeBytes() / 1024,
                    result.duration().toMillis() / 1000.0);
        }
        List<float[]> probes = queries.stream().map(embedder::embed).toList();
        Map<Integer, Double> twoStageRecall = new LinkedHashMap<>();
        String plan;
        RecallReport advisor;
        try (Connection connection = database.connect()) {
            List<Set<Integer>> exact = new ArrayList<>();
            SqlQuery exactQuery = new SqlQuery("SELECT id FROM " + CorpusTable.TABLE + " ORDER BY embedding "
                    + Metric.COSINE.operator() + " ? LIMIT " + K, List.of());
            for (float[] probe : probes) {
                exact.add(new HashSet<>(ids(connection, SearchSettings.builder().exact(true).build(), false,
                        new SqlQuery(exactQuery.sql(), List.of(VectorValues.toParameter(VectorType.VECTOR, probe))))));
            }
            out.println();
            out.printf(Locale.ROOT, "two-stage search, %d queries over %d documents: shortlist by Hamming distance on %d bits,"
                    + " re-ranked by cosine distance%n", probes.size(), documents.size(), Embedder.DIMENSIONS);
            out.println("  shortlist  recall@" + K + " vs exact");
            for (int shortlist : SHORTLISTS) {
                TwoStageSearch search = twoStage(shortlist);
                // an HNSW scan returns at most ef_search rows: the search's settings raise ours (the server default,
                // 40, kept for the shorter shortlists) to the shortlist size
                SearchSettings settings = search.settings(SearchSettings.builder().hnswEfSearch(40).build());
                double sum = 0;
                for (int i = 0; i < probes.size(); i++) {
                    List<Integer> found = ids(connection, settings, true, search.query(probes.get(i), K, null));
                    sum += found.stream().filter(exact.get(i)::contains).count() / (double) K;
                }
                twoStageRecall.put(shortlist, sum / probes.size());
                out.printf(Locale.ROOT, "  %9d  %.3f%n", shortlist, sum / probes.size());
                out.printf(Locale.ROOT, "[measure] quantized documents=%d queries=%d shortlist=%d recall@%d=%.3f%n",
                        documents.size(), probes.size(), shortlist, K, sum / probes.size());
            }
            plan = plan(connection, twoStage(SHORTLISTS.getLast()).query(probes.get(0), K, null));
            out.println("  plan uses " + (plan.contains(BIT_INDEX.name()) ? BIT_INDEX.name() : "no bit index"));

            out.println();
            out.println("RecallAdvisor: the cosine HNSW index at several hnsw.ef_search values, the same queries");
            advisor = RecallAdvisor.on(CorpusTable.TABLE, "id", CorpusTable.COSINE_INDEX.expression(), Metric.COSINE)
                    .k(K).efSearch(EF_SEARCH).targetRecall(0.95).queries(probes).measure(connection);
            out.print(advisor.toTable());
            for (RecallReport.Row row : advisor.rows()) {
                out.printf(Locale.ROOT, "[measure] quantized documents=%d advisor %s recall@%d=%.3f%n", documents.size(),
                        row.name(), K, row.recall());
            }
        }
        return new Report(builds, progressLines, twoStageRecall, plan, advisor);
    }

    private static TwoStageSearch twoStage(int shortlist) {
        return TwoStageSearch.on(CorpusTable.TABLE, "id", "embedding", VectorType.VECTOR, Embedder.DIMENSIONS)
                .shortlist(BITS, Metric.HAMMING, shortlist)
                .rerank(Metric.COSINE)
                .build();
    }

    private static List<Integer> ids(Connection connection, SearchSettings settings, boolean indexOnly, SqlQuery query)
            throws SQLException {
        return SearchTransaction.run(connection, settings, indexOnly, () -> {
            List<Integer> ids = new ArrayList<>();
            try (PreparedStatement statement = query.prepare(connection); ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getInt(1));
                }
            }
            return ids;
        });
    }

    private static String plan(Connection connection, SqlQuery query) throws SQLException {
        SqlQuery explain = new SqlQuery("EXPLAIN " + query.sql(), query.parameters());
        return SearchTransaction.run(connection, SearchSettings.none(), true, () -> {
            StringBuilder plan = new StringBuilder();
            try (PreparedStatement statement = explain.prepare(connection); ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        });
    }
}
