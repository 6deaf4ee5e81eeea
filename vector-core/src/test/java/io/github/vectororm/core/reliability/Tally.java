package io.github.vectororm.core.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of one fuzz run: inputs, the client's verdicts, documented differences and disagreements. */
final class Tally {
    final String name;
    int generated;
    int accepted;
    int rejected;
    int valueChecks;
    final Map<String, Integer> documented = new TreeMap<>();
    final List<String> disagreements = new ArrayList<>();

    Tally(String name) {
        this.name = name;
    }

    void verdict(boolean clientAccepted) {
        generated++;
        if (clientAccepted) {
            accepted++;
        } else {
            rejected++;
        }
    }

    void documented(String why) {
        documented.merge(why, 1, Integer::sum);
    }

    void disagree(String what) {
        if (disagreements.size() < 20) {
            disagreements.add(what);
        } else if (disagreements.size() == 20) {
            disagreements.add("...");
        }
    }

    void print() {
        System.out.printf("[measure] %s: inputs generated=%d, client accepted=%d, client rejected=%d, values compared=%d,"
                + " documented differences=%s, disagreements=%d%n", name, generated, accepted, rejected, valueChecks,
                documented, disagreements.size());
    }
}
