package io.github.vectororm.core.reliability;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Random;
import org.postgresql.util.PGBinaryObject;
import org.postgresql.util.PGobject;

/**
 * Seeded generators of hostile input and the server's verdict on it. jqwik was tried and runs on this JUnit
 * platform, but its 1.10.1 jar prints a notice telling AI agents not to use it and to disregard its results;
 * a verifier that disowns its own results is no basis for these tests, so they use seeded
 * {@link Random}s instead: every run generates the same inputs (seed in {@code vectororm.fuzz.seed}), many
 * of them ({@code vectororm.fuzz.tries}).
 */
final class Fuzz {

    static final long SEED = Long.getLong("vectororm.fuzz.seed", 20_260_901L);
    static final int TRIES = Integer.getInteger("vectororm.fuzz.tries", 600);

    private Fuzz() {
    }

    /** What the server said about one input: accepted (with its text output) or rejected (with SQLState). */
    record Verdict(boolean accepted, String output, String sqlState, String message) {
        static Verdict ok(String output) {
            return new Verdict(true, output, null, null);
        }
    }

    /**
     * Runs a one-row, one-column query with one bound parameter. Rejections must be data errors (SQLState
     * class 22) or limit errors (54), anything else fails the test.
     */
    static Verdict server(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return Verdict.ok(rs.getString(1));
            }
        } catch (SQLException e) {
            String state = e.getSQLState();
            if (state == null || !(state.startsWith("22") || state.startsWith("54"))) {
                throw e;
            }
            return new Verdict(false, null, state, e.getMessage());
        }
    }

    /** Sends arbitrary bytes as pgvector's binary form of a type, bypassing every client check. */
    static final class RawBinary extends PGobject implements PGBinaryObject {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        RawBinary(String type, byte[] bytes) {
            this.type = type;
            this.bytes = bytes;
        }

        @Override
        public void setByteValue(byte[] value, int offset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int lengthInBytes() {
            return bytes.length;
        }

        @Override
        public void toBytes(byte[] target, int offset) {
            System.arraycopy(bytes, 0, target, offset, bytes.length);
        }

        @Override
        public String getValue() {
            return "<" + bytes.length + " raw bytes>";
        }
    }

    /** A float drawn to hit edges: specials, subnormals, halfvec's overflow boundary, huge and tiny values. */
    static float hostileFloat(Random r) {
        int pick = r.nextInt(100);
        if (pick < 70) {
            return (float) (r.nextGaussian() * Math.pow(10, r.nextInt(7) - 3));
        }
        return switch (pick) {
            case 70, 71 -> Float.NaN;
            case 72 -> Float.POSITIVE_INFINITY;
            case 73 -> Float.NEGATIVE_INFINITY;
            case 74, 75, 76 -> 0f;
            case 77, 78 -> -0f;
            case 79 -> Float.MIN_VALUE;
            case 80, 81, 82 -> Float.intBitsToFloat(1 + r.nextInt(0x7F_FFFF)) * (r.nextBoolean() ? 1 : -1); // subnormal
            case 83 -> Float.MIN_NORMAL;
            case 84 -> Float.MAX_VALUE * (r.nextBoolean() ? 1 : -1);
            case 85, 86, 87, 88 -> (65_500f + r.nextInt(40) + (r.nextBoolean() ? 0.5f : 0f)) * (r.nextBoolean() ? 1 : -1);
            case 89, 90 -> 65_504f;
            case 91, 92 -> 5.9604645e-8f * r.nextInt(3); // smallest half subnormal and neighbors
            case 93, 94 -> (float) (r.nextGaussian() * 1e30);
            case 95 -> 1e-30f;
            default -> r.nextInt(2001) - 1000;
        };
    }

    /** Dimensions: mostly small, sometimes 0, sometimes at or past the 16,000 limit. */
    static int hostileDimensions(Random r) {
        int pick = r.nextInt(200);
        return pick == 0 ? 0 : pick == 1 ? 16_000 : pick == 2 ? 16_001 : 1 + r.nextInt(pick < 20 ? 64 : 8);
    }

    /** A float written as the server should read it exactly (shortest round-trip form), specials spelled for C. */
    static String cText(float f) {
        if (Float.isNaN(f)) {
            return "NaN";
        }
        if (Float.isInfinite(f)) {
            return f > 0 ? "Infinity" : "-Infinity";
        }
        return Float.toString(f);
    }
}
