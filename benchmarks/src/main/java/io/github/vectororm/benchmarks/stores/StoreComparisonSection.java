package io.github.vectororm.benchmarks.stores;

import java.util.Locale;

/**
 * The report section of the vector-store comparison: method, add, search, filtered search, 3,072-d and the targets.
 *
 * @since 0.1.0
 */
public final class StoreComparisonSection {

    private final StoreComparison.Report report;
    private final StringBuilder out = new StringBuilder();

    private StoreComparisonSection(StoreComparison.Report report) {
        this.report = report;
    }

    /**
     * @param report the comparison
     * @return its section of {@code BENCHMARKS.md}, from its {@code ##} heading on
     */
    public static String markdown(StoreComparison.Report report) {
        return new StoreComparisonSection(report).render();
    }

    private String render() {
        StoreComparison.Sizes sizes = report.sizes();
        line("## Vector stores: Spring AI's and LangChain4j's own pgvector stores vs vector-orm's");
        line();
        line("Four stores in one run, each on its own table, holding the same " + number(sizes.rows()) + " documents: a"
                + " UUID id, a short text, one metadata key `" + StoreCorpus.KEY + "` with " + StoreCorpus.CATEGORIES
                + " values of 10 % each, and the same " + sizes.dimensions() + "-d embedding-shaped vector (`LatentVectors`,"
                + " the k-NN tables' generator). The Spring AI stores embed through one fixed `EmbeddingModel` that returns"
                + " each text's precomputed vector; the LangChain4j stores receive the embeddings through"
                + " `addAll(ids, embeddings, segments)`. Each store is configured as its documentation recommends for"
                + " cosine search:");
        line();
        for (StoreComparison.StoreResult store : report.stores()) {
            line("- " + store.label() + ": " + store.configuration() + ".");
        }
        line();
        line("**Add.** Each store adds " + number(sizes.addRows()) + " documents through its own API"
                + " (`add(List<Document>)`, `addAll(ids, embeddings, segments)`), timed, in calls of "
                + number(StoreComparison.ADD_BATCH) + " documents (PgVectorStore's own `maxDocumentBatchSize`; it looks up"
                + " each document's embedding with `List.indexOf`, so one call of all documents would cost it time"
                + " quadratic in their number), into an add-only table of its own, freshly created by the store without"
                + " a vector index and dropped after (a row count fails the run unless every document arrived); one"
                + " store after the other, each after a `CHECKPOINT` and after an untimed load of "
                + number(StoreComparison.WARM_UP_DOCUMENTS) + " documents into a scratch table (so no store pays the"
                + " JVM's warm-up of the code they share). One load per store; the range is that of its add calls."
                + " The search collection below is a separate table per store holding " + number(sizes.rows())
                + " documents, written untimed (vector-orm's stores through their own add, the peers' by a binary COPY of"
                + " the rows their add writes: same ids, text, `json` metadata and vectors); its index is then built by"
                + " the store's own DDL (a second instance of the store with the index configured and schema"
                + " initialization on, whose `CREATE INDEX IF NOT EXISTS` builds it), timed: every store pays the same"
                + " way, and pgvector recommends building an index after a bulk load. Every store has its own Hikari"
                + " pool of " + StoreComparison.POOL + " connections on the same URL, with `maintenance_work_mem = "
                + StoreComparison.MAINTENANCE_WORK_MEM + "` (so every HNSW graph is built in memory).");
        line();
        line("| store | docs/s (" + number(sizes.addRows()) + " documents) | add calls: min - max docs/s | × best peer"
                + " | add time | index build (" + number(sizes.rows()) + " rows) |");
        line("|---|---:|---:|---:|---:|---:|");
        double bestPeer = report.stores().stream().filter(s -> !s.vectorOrm())
                .mapToDouble(StoreComparison.StoreResult::docsPerSecond).max().orElse(Double.NaN);
        for (StoreComparison.StoreResult store : report.stores()) {
            line(row(store.label(), number(store.docsPerSecond()), number(store.minCallDocsPerSecond()) + " - "
                    + number(store.maxCallDocsPerSecond()), StoreTargets.ratio(store.docsPerSecond() / bestPeer),
                    seconds(store.addMillis()), seconds(store.indexMillis())));
        }
        line();
        line("**Search.** Top " + StoreComparison.K + " through each store's own search API (`similaritySearch`,"
                + " `search`); each of " + report.stores().getFirst().search().count() + " query vectors goes to every"
                + " store in turn, in a shuffled order per query, after " + sizes.warmUp() + " untimed queries per store;"
                + " the time is the call's wall time in the benchmark JVM (including the store's result mapping)."
                + " Recall@10 is against the exact top 10 by cosine distance, computed in double precision by the harness"
                + " over the same vectors. The plan column is EXPLAIN's for the statement the store runs, with the"
                + " settings it applies.");
        line();
        line("| store | plan | median µs | p99 µs | recall@10 |");
        line("|---|---|---:|---:|---:|");
        for (StoreComparison.StoreResult store : report.stores()) {
            line(row(store.label(), store.plan(), number(store.search().medianMicros()), number(store.search().p99Micros()),
                    StoreTargets.fixed(store.search().meanRecall())));
        }
        line();
        int ladderQueries = report.stores().stream().filter(store -> !store.ladder().isEmpty())
                .mapToInt(store -> store.ladder().getFirst().search().count()).findFirst().orElse(0);
        line("**Search at equal recall.** The rows above are each store at its default settings; the peers expose no"
                + " search settings, vector-orm's stores take them per query. So vector-orm's stores search again, through"
                + " the same API with `SearchSettings.builder().hnswEfSearch(n).build()` for each n of "
                + StoreComparison.EF_SEARCH_LADDER + " and with `SearchSettings.builder().exact(true).build()` (no index"
                + " scan: exact top 10), on the first " + ladderQueries + " of the queries, each query to every store and"
                + " operating point in a shuffled order after " + StoreComparison.LADDER_WARM_UP + " untimed queries per"
                + " point. The search target is judged against each peer's default search on the same queries, at"
                + " vector-orm's cheapest operating point whose recall@10 is equal (within 2 standard errors of the paired"
                + " per-query difference) or better. The plan column is EXPLAIN's for the statement at that point's"
                + " settings: the planner chooses per statement, and at some settings it may prefer an exact scan to the"
                + " index, which the plan then shows.");
        line();
        line("| store | operating point | plan | median µs | p99 µs | recall@10 |");
        line("|---|---|---|---:|---:|---:|");
        for (StoreComparison.StoreResult store : report.stores()) {
            StoreComparison.Searches peer = store.search().first(ladderQueries);
            if (!store.vectorOrm()) {
                line(row(store.label(), "its default", store.plan(), number(peer.medianMicros()),
                        number(peer.p99Micros()), StoreTargets.fixed(peer.meanRecall())));
            }
            for (StoreComparison.OperatingPoint point : store.ladder()) {
                line(row(store.label(), "`" + point.name() + "`", point.plan(), number(point.search().medianMicros()),
                        number(point.search().p99Micros()), StoreTargets.fixed(point.search().meanRecall())));
            }
        }
        line();
        line("**Filtered search, 10 % selective.** The same queries with the store's metadata filter `" + StoreCorpus.KEY
                + " == '" + StoreCorpus.FILTER_VALUE + "'` (Spring AI: the filter expression `" + SpringAiStores.FILTER
                + "`; LangChain4j: `metadataKey(\"" + StoreCorpus.KEY + "\").isEqualTo(\"" + StoreCorpus.FILTER_VALUE
                + "\")`), each with its best available settings: vector-orm's stores a relaxed-order iterative scan;"
                + " PgVectorStore and PgVectorEmbeddingStore expose no search settings (an HNSW or IVFFlat scan then"
                + " filters the candidates it collects, and the planner may prefer an exact scan). Recall@10 is against"
                + " the exact top 10 of the filtered documents.");
        line();
        line("| store | plan | returned all " + StoreComparison.K + " | mean rows | recall@10 | median µs | p99 µs |");
        line("|---|---|---:|---:|---:|---:|---:|");
        for (StoreComparison.StoreResult store : report.stores()) {
            StoreComparison.Searches f = store.filtered();
            line(row(store.label(), store.filteredPlan(), StoreTargets.percent(f.fullShare()), number(f.meanRows()),
                    StoreTargets.fixed(f.meanRecall()), number(f.medianMicros()), number(f.p99Micros())));
        }
        line();
        line("**" + number(sizes.wideDimensions()) + "-d collection.** " + number(sizes.wideRows()) + " documents of "
                + number(sizes.wideDimensions()) + " dimensions in four more tables (written untimed as above: vector-orm's"
                + " through their add, the peers' by a COPY of their rows), indexed the same way. The"
                + " peers' index DDL is run as is (PgVectorStore's HNSW, PgVectorEmbeddingStore's IVFFlat, both over the"
                + " `vector` column), and pgvector refuses it: its HNSW and IVFFlat indexes take `vector` up to 2,000"
                + " dimensions, so those stores search exactly. vector-orm's stores declare"
                + " `DocumentIndex.hnsw().m(16).efConstruction(64).halfvec()`: an HNSW index over the expression"
                + " `embedding::halfvec(" + sizes.wideDimensions() + ")` (halfvec up to 4,000 dimensions), which their"
                + " searches order by. " + report.wide().getFirst().search().count() + " timed queries per store, on the"
                + " planner's choice; the last plan column is EXPLAIN's with `enable_seqscan = off`, which shows whether"
                + " any index can serve the store's search at all.");
        line();
        line("| store | index DDL | plan | median µs | p99 µs | recall@10 | plan, seq scan off |");
        line("|---|---|---|---:|---:|---:|---|");
        for (StoreComparison.WideResult store : report.wide()) {
            line(row(store.label(), store.index().replace("|", "\\|"), store.plan(), number(store.search().medianMicros()),
                    number(store.search().p99Micros()), StoreTargets.fixed(store.search().meanRecall()),
                    store.forcedPlan()));
        }
        line();
        line("**Targets (issue #14).**");
        line();
        line("| target | required | measured | result |");
        line("|---|---:|---:|---|");
        for (StoreTargets.Verdict verdict : StoreTargets.of(report)) {
            line(row(verdict.description(), verdict.required(), verdict.measured(), verdict.verdict()));
        }
        line();
        return out.toString();
    }

    private static String seconds(double millis) {
        return String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }

    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        String pattern = magnitude >= 100 ? "%,.0f" : magnitude >= 10 ? "%.1f" : magnitude >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, pattern, value);
    }

    private static String row(String... cells) {
        return "| " + String.join(" | ", cells) + " |";
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private void line() {
        out.append('\n');
    }
}
