package io.github.vectororm.test.conformance;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Runs {@link PgVectorCases} through one way of calling pgvector (a mode: an adapter's function with bound values,
 * a client-side computation, ...) and compares each outcome with the server's expected answer: the same value, or
 * for an expected error either the server's error or the client's refusal (vector-core's
 * {@code VectorValidationException}, before the database). Anything else is a disagreement unless a
 * {@link Deviation} lists it with its reason. The {@link #oracle(Connection)} checks the table itself: every
 * statement run verbatim on the server gives exactly the expected text.
 *
 * @since 0.1.0
 */
public final class Differential {

    /**
     * One mode: computes a case's result the way an adapter or the client does.
     */
    @FunctionalInterface
    public interface Mode {
        /**
         * Calls the case.
         *
         * @param c the case
         * @return the Java value the adapter returned (a number, {@code float[]}, a pgvector-java value, ...), or
         *     {@code null} for SQL NULL
         * @throws Exception the adapter's refusal or the server's error; {@link NotApplicable} to skip the case
         */
        Object call(PgVectorCase c) throws Exception;
    }

    private final Class<? extends Throwable> refusal;
    private final List<Deviation> deviations;

    /**
     * A harness that counts the given exception class as the client's refusal.
     *
     * @param refusal vector-core's {@code VectorValidationException} (vector-test cannot depend on vector-core)
     * @param deviations the deliberate differences, usually {@link PgVectorDeviations#ALL}
     */
    public Differential(Class<? extends Throwable> refusal, List<Deviation> deviations) {
        this.refusal = Objects.requireNonNull(refusal);
        this.deviations = List.copyOf(deviations);
    }

    /**
     * Runs every case's statement verbatim and compares the server's text with the expected text exactly.
     *
     * @param connection a connection to a pgvector database
     * @return the report, with mode name {@code oracle}
     */
    public static Report oracle(Connection connection) {
        Report report = new Report("oracle");
        for (PgVectorCase c : PgVectorCases.ALL) {
            String actual;
            try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(c.sql())) {
                rs.next();
                actual = c.expected().error() ? "a value: " + rs.getString(1) : rs.getString(1);
            } catch (SQLException e) {
                Outcome outcome = Outcome.of(e, NotApplicable.class);
                String message = outcome.kind() == Outcome.Kind.SERVER_ERROR
                        ? outcome.detail().substring(outcome.detail().indexOf(' ') + 1) : outcome.toString();
                actual = c.expected().error() ? message : "ERROR " + message;
            }
            report.checked++;
            if (Objects.equals(actual, c.expected().text())) {
                report.agreed++;
            } else {
                report.disagreements.add(c + "\n    expected " + c.expected().text() + "\n    server   " + actual);
            }
        }
        return report;
    }

    /**
     * Runs every case through a mode and compares.
     *
     * @param name the mode's name, e.g. {@code "jooq bound values"}; deviations match on its prefix
     * @param mode the mode
     * @return the report
     */
    public Report run(String name, Mode mode) {
        return run(name, PgVectorCases.ALL, mode);
    }

    /**
     * Runs some cases through a mode and compares.
     *
     * @param name the mode's name; deviations match on its prefix
     * @param cases the cases
     * @param mode the mode
     * @return the report
     */
    public Report run(String name, List<PgVectorCase> cases, Mode mode) {
        Report report = new Report(name);
        for (PgVectorCase c : cases) {
            Outcome outcome;
            try {
                Object value = mode.call(c);
                outcome = new Outcome(Outcome.Kind.VALUE, Values.ofValue(c.result(), value, c.expected().real()));
            } catch (NotApplicable e) {
                report.skipped.merge(e.getMessage(), 1, Integer::sum);
                continue;
            } catch (Exception | AssertionError e) {
                outcome = Outcome.of(e, refusal);
            }
            report.checked++;
            boolean agrees = agrees(c, outcome);
            Deviation deviation = deviations.stream().filter(d -> d.covers(name, c)).findFirst().orElse(null);
            if (deviation != null) {
                if (agrees) {
                    report.disagreements.add(c + "\n    is listed as a deviation but agrees now (" + outcome
                            + "): drop it from PgVectorDeviations");
                } else {
                    report.deviated.add(c + " -> " + outcome + " (" + deviation.reason() + ")");
                }
            } else if (agrees) {
                report.agreed++;
            } else {
                report.disagreements.add(c + "\n    expected " + (c.expected().error() ? "an error: " : "")
                        + c.expected().text() + "\n    got      " + outcome);
            }
        }
        return report;
    }

    private static boolean agrees(PgVectorCase c, Outcome outcome) {
        if (c.expected().error()) {
            return outcome.kind() == Outcome.Kind.SERVER_ERROR || outcome.kind() == Outcome.Kind.CLIENT_REFUSAL;
        }
        return outcome.kind() == Outcome.Kind.VALUE
                && outcome.detail().equals(Values.ofText(c.result(), c.expected().text(), c.expected().real()));
    }

    /** The result of running the cases through one mode. */
    public static final class Report {
        private final String mode;
        private int checked;
        private int agreed;
        private final Map<String, Integer> skipped = new TreeMap<>();
        private final List<String> disagreements = new ArrayList<>();
        private final List<String> deviated = new ArrayList<>();

        private Report(String mode) {
            this.mode = mode;
        }

        /** {@return the number of cases compared} */
        public int checked() {
            return checked;
        }

        /** {@return the number of cases that agree with the server} */
        public int agreed() {
            return agreed;
        }

        /** {@return the cases that disagree, each with the expected and the actual outcome} */
        public List<String> disagreements() {
            return List.copyOf(disagreements);
        }

        /** {@return the cases that differ as a listed deviation says} */
        public List<String> deviated() {
            return List.copyOf(deviated);
        }

        /** {@return the number of cases the mode could not express} */
        public int skipped() {
            return skipped.values().stream().mapToInt(Integer::intValue).sum();
        }

        /**
         * Fails unless every compared case agrees or deviates as listed, and at least {@code minimum} were compared
         * (so a mode that skips everything cannot pass).
         *
         * @param minimum the fewest cases the mode must compare
         */
        public void assertAgrees(int minimum) {
            if (!disagreements.isEmpty() || checked < minimum) {
                throw new AssertionError(summary() + (checked < minimum ? "\nonly " + checked + " cases compared, expected at least "
                        + minimum : "") + "\n" + String.join("\n", disagreements));
            }
        }

        /** {@return one line of counts, then the deviations and the skip reasons} */
        public String summary() {
            StringBuilder s = new StringBuilder(mode + ": " + checked + " compared, " + agreed + " agree, "
                    + deviated.size() + " deviate as listed, " + disagreements.size() + " disagree, " + skipped()
                    + " skipped");
            deviated.forEach(d -> s.append("\n  deviation: ").append(d));
            skipped.forEach((reason, n) -> s.append("\n  skipped ").append(n).append(": ").append(reason));
            return s.toString();
        }

        @Override
        public String toString() {
            return summary();
        }
    }
}
