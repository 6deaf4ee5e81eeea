package io.github.vectororm.examples.rag;

import java.util.List;
import java.util.Set;

/**
 * Retrieval metrics for binary relevance over a ranked result list, cut off at {@code k}:
 * <ul>
 *   <li>recall@k: the share of the relevant documents found in the first k results;</li>
 *   <li>MRR@k (the reciprocal rank, averaged over queries): 1 / the rank of the first relevant result, 0 if
 *       none is in the first k;</li>
 *   <li>nDCG@k: the discounted cumulative gain {@code sum 1/log2(rank + 1)} over the relevant results in the
 *       first k, divided by the best possible, all relevant documents ranked first.</li>
 * </ul>
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    /**
     * @param ranked the results, best first
     * @param relevant the relevant documents (not empty)
     * @param k the cut-off
     * @return recall@k, in [0, 1]
     */
    public static double recall(List<String> ranked, Set<String> relevant, int k) {
        long found = ranked.stream().limit(k).filter(relevant::contains).distinct().count();
        return (double) found / relevant.size();
    }

    /**
     * @param ranked the results, best first
     * @param relevant the relevant documents
     * @param k the cut-off
     * @return 1 / rank of the first relevant result within the first k, or 0
     */
    public static double reciprocalRank(List<String> ranked, Set<String> relevant, int k) {
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    /**
     * @param ranked the results, best first
     * @param relevant the relevant documents (not empty)
     * @param k the cut-off
     * @return nDCG@k, in [0, 1]
     */
    public static double ndcg(List<String> ranked, Set<String> relevant, int k) {
        double dcg = 0;
        for (int i = 0; i < Math.min(k, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                dcg += discount(i + 1);
            }
        }
        double ideal = 0;
        for (int rank = 1; rank <= Math.min(k, relevant.size()); rank++) {
            ideal += discount(rank);
        }
        return dcg / ideal;
    }

    private static double discount(int rank) {
        return 1 / (Math.log(rank + 1) / Math.log(2));
    }
}
