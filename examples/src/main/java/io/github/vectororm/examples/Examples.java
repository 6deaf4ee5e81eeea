package io.github.vectororm.examples;

import io.github.vectororm.examples.animals.AnimalsWalkthrough;
import io.github.vectororm.examples.anomaly.AnomalyDetectionExample;
import io.github.vectororm.examples.corpus.JavadocCorpusBuilder;
import io.github.vectororm.examples.recall.RecallExample;
import io.github.vectororm.examples.recommend.RecommendationsExample;
import io.github.vectororm.examples.search.SemanticSearchExample;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs an example by name: {@code bash scripts/examples.sh <name> [arguments]}, or all of them in turn
 * when no name is given.
 */
public final class Examples {

    /** A runnable example: its main method. */
    @FunctionalInterface
    interface Main {
        void run(String[] args) throws Exception;
    }

    private record Example(String description, Main main) {
    }

    private static final Map<String, Example> EXAMPLES = examples();

    private Examples() {
    }

    private static Map<String, Example> examples() {
        Map<String, Example> examples = new LinkedHashMap<>();
        examples.put("animals", new Example("the pgvector walk-through: nearest animals to \"shark\" by <->, <#>, <=>, with and without HNSW",
                AnimalsWalkthrough::main));
        examples.put("search", new Example("semantic search over the Java SE API javadoc [number-of-documents]",
                SemanticSearchExample::main));
        examples.put("recommend", new Example("more like this: similar classes, the item itself excluded [number-of-documents]",
                RecommendationsExample::main));
        examples.put("anomalies", new Example("the members farthest from their package's avg(embedding) [number-of-documents]",
                AnomalyDetectionExample::main));
        examples.put("rag", new Example("retrieval for RAG: full-text + vector rank fused by RRF, metadata filter, iterative scan [number-of-documents]",
                io.github.vectororm.examples.rag.HybridRetrievalExample::main));
        examples.put("rag-spring-ai", new Example("retrieval for RAG through Spring AI's VectorStore API on vector-orm's store, filter expression [number-of-documents]",
                io.github.vectororm.examples.rag.SpringAiRetrievalExample::main));
        examples.put("rag-eval", new Example("hybrid vs vector-only vs text-only on the labelled queries: recall@10, MRR@10, nDCG@10 [number-of-distractors]",
                io.github.vectororm.examples.rag.HybridEvaluationExample::main));
        examples.put("quantized", new Example("IndexBuilder with progress, two-stage search over binary_quantize, RecallAdvisor [number-of-documents]",
                io.github.vectororm.examples.quantized.QuantizedSearchExample::main));
        examples.put("recall", new Example("recall@10 and latency at several hnsw.ef_search values vs exact search [number-of-documents]",
                RecallExample::main));
        return examples;
    }

    /**
     * @param args the example's name and its arguments; none runs every example; {@code build-corpus}
     *     regenerates the corpus from a JDK's src.zip
     * @throws Exception whatever the example throws
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("all")) {
            for (Map.Entry<String, Example> example : EXAMPLES.entrySet()) {
                System.out.println("=== " + example.getKey() + ": " + example.getValue().description());
                example.getValue().main().run(new String[0]);
                System.out.println();
            }
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        if (args[0].equals("build-corpus")) {
            JavadocCorpusBuilder.main(rest);
            return;
        }
        Example example = EXAMPLES.get(args[0]);
        if (example == null) {
            System.err.println("unknown example '" + args[0] + "'; choose one of:");
            EXAMPLES.forEach((name, e) -> System.err.printf("  %-10s %s%n", name, e.description()));
            System.err.println("  all        every example in turn (the default)");
            System.err.println("  build-corpus [src.zip] [output.tsv]   regenerate the corpus from a JDK's sources");
            System.exit(2);
        }
        example.main().run(rest);
    }
}
