package io.github.vectororm.core.reliability;

import static io.github.vectororm.core.reliability.Fuzz.SEED;
import static io.github.vectororm.core.reliability.Fuzz.TRIES;
import static io.github.vectororm.core.reliability.Fuzz.cText;
import static io.github.vectororm.core.reliability.Fuzz.server;
import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGbit;
import com.pgvector.PGsparsevec;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.codec.BitCodec;
import io.github.vectororm.core.codec.HalfvecCodec;
import io.github.vectororm.core.codec.SparsevecCodec;
import io.github.vectororm.core.codec.VectorCodec;
import io.github.vectororm.core.internal.Float16;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.core.reliability.Fuzz.RawBinary;
import io.github.vectororm.core.reliability.Fuzz.Verdict;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and malformed vector values, generated from a fixed seed: for each, the client's verdict must equal
 * the real server's (text input with {@code cast(? as type)}, binary input with raw bytes), every client
 * rejection is a {@link VectorValidationException} naming the type, and an accepted value written in binary
 * reads back equal to the same value written as text.
 */
@PgVectorDatabase
class HostileValueInputTest {

    private static Connection c;

    @BeforeAll
    static void connect(TestDatabase db) throws SQLException {
        // prepareThreshold=-1: results in binary from the first execution, so the binary read path is exercised
        c = DriverManager.getConnection(db.jdbcUrl("prepareThreshold", "-1"));
        PgVectorTypes.register(c);
        PgVectorTypes.registerBit(c);
    }

    @AfterAll
    static void close() throws SQLException {
        c.close();
    }

    // ---------------------------------------------------------------- dense values (vector, halfvec)

    @Test
    void denseValuesClientAcceptsExactlyWhatServerAccepts() throws SQLException {
        for (VectorType type : new VectorType[] {VectorType.VECTOR, VectorType.HALFVEC}) {
            Random r = new Random(SEED + type.ordinal());
            Tally tally = new Tally(type.sqlName() + " values (float[])");
            for (int i = 0; i < TRIES; i++) {
                int dims = Fuzz.hostileDimensions(r);
                float[] v = new float[dims];
                boolean hostile = r.nextInt(3) == 0;
                for (int d = 0; d < dims; d++) {
                    v[d] = hostile && r.nextInt(Math.max(1, Math.min(dims, 8))) == 0 ? Fuzz.hostileFloat(r)
                            : (float) r.nextGaussian();
                }
                if (dims > 100 && r.nextBoolean()) {
                    v[r.nextInt(dims)] = Fuzz.hostileFloat(r);
                }
                VectorValidationException rejection = clientRejection(type, () -> VectorValues.toParameter(type, v));
                tally.verdict(rejection == null);
                Verdict text = server(c, "select cast(? as " + type.sqlName() + ")::text", denseText(v));
                Verdict binary = server(c, "select cast(? as " + type.sqlName() + ")::text",
                        new RawBinary(type.sqlName(), rawDense(type, v)));
                compare(tally, "text", rejection, text, v.length + " dims " + describe(v));
                compare(tally, "binary", rejection, binary, v.length + " dims " + describe(v));
                if (rejection == null && text.accepted()) {
                    float[] expected = type == VectorType.HALFVEC ? HalfvecCodec.round(v) : v;
                    float[] fromText = VectorValues.fromResult(type, text.output(), float[].class);
                    float[] fromBinary = binaryRoundTrip(type, denseText(v), VectorValues.toParameter(type, v),
                            o -> VectorValues.fromResult(type, o, float[].class));
                    tally.valueChecks++;
                    if (!Arrays.equals(expected, fromText) || !Arrays.equals(expected, fromBinary)) {
                        tally.disagree("value differs for " + describe(v));
                    }
                }
            }
            finish(tally);
        }
    }

    /** Mutated text: whitespace of the server's set and of Java's wider one, hex, inf/nan, junk, broken frames. */
    @Test
    void denseTextClientParsesExactlyWhatServerParses() throws SQLException {
        for (VectorType type : new VectorType[] {VectorType.VECTOR, VectorType.HALFVEC}) {
            Random r = new Random(SEED + 10 + type.ordinal());
            Tally tally = new Tally(type.sqlName() + " text");
            for (int i = 0; i < TRIES; i++) {
                StringBuilder s = new StringBuilder();
                s.append(space(r)).append(r.nextInt(40) == 0 ? "(" : "[");
                int n = r.nextInt(30) == 0 ? 0 : 1 + r.nextInt(5);
                for (int d = 0; d < n; d++) {
                    if (d > 0) {
                        s.append(r.nextInt(60) == 0 ? ",," : r.nextInt(60) == 0 ? ";" : ",");
                    }
                    s.append(space(r)).append(numberToken(r)).append(space(r));
                }
                s.append(r.nextInt(40) == 0 ? ")" : "]").append(r.nextInt(30) == 0 ? "x" : "").append(space(r));
                String text = s.toString();
                VectorValidationException rejection = clientRejection(type,
                        () -> VectorValues.fromResult(type, text, float[].class));
                tally.verdict(rejection == null);
                Verdict server = server(c, "select cast(? as " + type.sqlName() + ")::text", text);
                compare(tally, "text", rejection, server, printable(text));
                if (rejection == null && server.accepted()) {
                    tally.valueChecks++;
                    float[] client = VectorValues.fromResult(type, text, float[].class);
                    float[] fromServer = VectorValues.fromResult(type, server.output(), float[].class);
                    if (!Arrays.equals(client, fromServer)) {
                        tally.disagree("value of " + printable(text) + ": client " + Arrays.toString(client)
                                + ", server " + server.output());
                    }
                }
            }
            finish(tally);
        }
    }

    // ---------------------------------------------------------------- sparsevec

    @Test
    void sparseValuesAgreeWithServerBinaryAndText() throws SQLException {
        Random r = new Random(SEED + 20);
        Tally structured = new Tally("sparsevec values (dimensions, indices, values) vs server binary");
        Tally asText = new Tally("sparsevec values written as text vs server text");
        for (int i = 0; i < TRIES; i++) {
            int pick = r.nextInt(100);
            int dims = pick == 0 ? 0 : pick == 1 ? -1 : pick == 2 ? 1_000_000_000 : pick == 3 ? 1_000_000_001 : 1 + r.nextInt(20);
            int nnz = r.nextInt(7);
            int[] indices = new int[nnz];
            float[] values = new float[nnz];
            int next = r.nextInt(3);
            for (int k = 0; k < nnz; k++) {
                int shape = r.nextInt(12);
                indices[k] = switch (shape) {
                    case 0 -> -1;                                   // out of range below
                    case 1 -> Math.max(dims, 1);                    // out of range above
                    case 2 -> k > 0 ? indices[k - 1] : 0;           // duplicate
                    case 3 -> k > 0 ? Math.max(0, indices[k - 1] - 1 - r.nextInt(2)) : 0; // unsorted
                    default -> next;
                };
                next = indices[k] + 1 + r.nextInt(3);
                values[k] = r.nextInt(4) == 0 ? Fuzz.hostileFloat(r) : (float) r.nextGaussian();
            }
            String text = sparseText(dims, indices, values);
            VectorValidationException strict = clientRejection(VectorType.SPARSEVEC,
                    () -> SparsevecCodec.of(dims, indices, values));
            structured.verdict(strict == null);
            Verdict binary = server(c, "select cast(? as sparsevec)::text",
                    new RawBinary("sparsevec", rawSparse(dims, indices, values)));
            boolean hasZero = false;
            for (float v : values) {
                hasZero |= v == 0f;
            }
            if (strict == null && !binary.accepted() && hasZero) {
                // the client drops zeros (as the server's text input does); the server's binary input rejects them
                structured.documented("zero values: client drops, server binary rejects");
            } else {
                compare(structured, "binary", strict, binary, text);
            }

            VectorValidationException lenient = clientRejection(VectorType.SPARSEVEC, () -> SparsevecCodec.parse(text));
            asText.verdict(lenient == null);
            Verdict serverText = server(c, "select cast(? as sparsevec)::text", text);
            compare(asText, "text", lenient, serverText, text);
            if ((strict == null) != (lenient == null)) {
                // the structured form mirrors the binary format; the text input sorts elements and drops zeros
                // before it checks indices, so e.g. {3:1,1:2}/5 and {6:0}/5 are valid text
                asText.documented("valid as text, not as (dimensions, indices, values): unsorted or zero-valued elements");
                assertThat(strict).as("the text form is the more lenient one: " + text).isNotNull();
            }
            if (lenient == null && serverText.accepted()) {
                asText.valueChecks++;
                PGsparsevec client = SparsevecCodec.parse(text);
                PGsparsevec fromBinary = binaryRoundTrip(VectorType.SPARSEVEC, text, client, o -> (PGsparsevec) o);
                if (!SparsevecCodec.format(client).equals(SparsevecCodec.format(SparsevecCodec.parse(serverText.output())))
                        || !SparsevecCodec.format(client).equals(SparsevecCodec.format(fromBinary))) {
                    asText.disagree("value of " + text + ": client " + SparsevecCodec.format(client) + ", server "
                            + serverText.output());
                }
            }
        }
        finish(structured);
        finish(asText);
    }

    @Test
    void sparseTextClientParsesExactlyWhatServerParses() throws SQLException {
        Random r = new Random(SEED + 21);
        Tally tally = new Tally("sparsevec text");
        String[] indexTokens = {"01", "+1", "0x1", "\u0661", "2147483648", "-1", "0", " 1", "1 ", "", "x"};
        String[] dimTokens = {"/5", "/ +5", "/0", "/-3", "/1000000001", "/3.0", "/0x10", "/", "", " /4", "/\u0665",
            "/5x", "/ 7 "};
        for (int i = 0; i < TRIES; i++) {
            StringBuilder s = new StringBuilder(space(r)).append(r.nextInt(50) == 0 ? "[" : "{");
            int n = r.nextInt(5);
            for (int k = 0; k < n; k++) {
                if (k > 0) {
                    s.append(r.nextInt(50) == 0 ? ",," : ",");
                }
                String index = r.nextInt(8) == 0 ? indexTokens[r.nextInt(indexTokens.length)] : Integer.toString(1 + r.nextInt(7));
                String value = r.nextInt(6) == 0 ? "0" : r.nextInt(10) == 0 ? "1e-46" : numberToken(r);
                s.append(space(r)).append(index).append(space(r)).append(r.nextInt(50) == 0 ? "=" : ":")
                        .append(space(r)).append(value).append(space(r));
            }
            s.append(r.nextInt(50) == 0 ? "" : "}").append(space(r))
                    .append(r.nextInt(5) == 0 ? dimTokens[r.nextInt(dimTokens.length)] : "/" + (1 + r.nextInt(8)))
                    .append(space(r));
            String text = s.toString();
            VectorValidationException rejection = clientRejection(VectorType.SPARSEVEC, () -> SparsevecCodec.parse(text));
            tally.verdict(rejection == null);
            Verdict server = server(c, "select cast(? as sparsevec)::text", text);
            compare(tally, "text", rejection, server, printable(text));
            if (rejection == null && server.accepted()) {
                tally.valueChecks++;
                String client = SparsevecCodec.format(SparsevecCodec.parse(text));
                if (!client.equals(SparsevecCodec.format(SparsevecCodec.parse(server.output())))) {
                    tally.disagree("value of " + printable(text) + ": client " + client + ", server " + server.output());
                }
            }
        }
        finish(tally);
    }

    // ---------------------------------------------------------------- bit

    @Test
    void bitsAgreeWithServer() throws SQLException {
        Random r = new Random(SEED + 30);
        Tally tally = new Tally("bit text and boolean[]");
        String[] prefixes = {"", "", "", "", "b", "B", "x", "X"};
        for (int i = 0; i < TRIES; i++) {
            String prefix = prefixes[r.nextInt(prefixes.length)];
            boolean hex = prefix.equalsIgnoreCase("x");
            String alphabet = hex ? "0123456789abcdefABCDEF" : "01";
            int length = r.nextInt(20) == 0 ? 0 : 1 + r.nextInt(r.nextInt(10) == 0 ? 200 : 12);
            StringBuilder s = new StringBuilder(prefix);
            for (int k = 0; k < length; k++) {
                s.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            if (r.nextInt(6) == 0) {
                String junk = " \t2xg\u00e9\u0661\u001c";
                s.insert(r.nextInt(s.length() + 1), junk.charAt(r.nextInt(junk.length())));
            }
            String text = s.toString();
            VectorValidationException rejection = clientRejection(VectorType.BIT, () -> BitCodec.parse(text));
            tally.verdict(rejection == null);
            Verdict server = server(c, "select cast(? as varbit)::text", text);
            if (rejection != null && server.accepted() && server.output().isEmpty()) {
                // varbit holds an empty string; no bit(n) column can (n >= 1), so the client refuses it
                tally.documented("empty bit string: varbit accepts it, bit(n) cannot hold it");
                continue;
            }
            compare(tally, "text", rejection, server, printable(text));
            if (rejection == null && server.accepted()) {
                tally.valueChecks++;
                PGbit client = BitCodec.parse(text);
                boolean[] viaBoolean = VectorValues.fromResult(VectorType.BIT, VectorValues.toParameter(VectorType.BIT,
                        client.toArray()), boolean[].class);
                PGbit fromBinary = binaryRoundTrip(VectorType.BIT, text, client, o -> (PGbit) o);
                if (!BitCodec.format(client).equals(server.output()) || !BitCodec.format(fromBinary).equals(server.output())
                        || !Arrays.equals(viaBoolean, client.toArray())) {
                    tally.disagree("value of " + text + ": client " + BitCodec.format(client) + ", server " + server.output());
                }
            }
        }
        finish(tally);
    }

    // ---------------------------------------------------------------- helpers

    /** Writes a value both ways in one row and reads the binary-written one back (in binary, prepareThreshold=-1). */
    private static <T> T binaryRoundTrip(VectorType type, String text, Object parameter, Function<Object, T> read)
            throws SQLException {
        String sqlType = type == VectorType.BIT ? "varbit" : type.sqlName();
        try (PreparedStatement ps = c.prepareStatement(
                "select x = y, y from (select cast(? as " + sqlType + ") x, cast(? as " + sqlType + ") y) s")) {
            ps.setString(1, text);
            ps.setObject(2, parameter);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("%s written as text equals it written in binary: %s", type, text).isTrue();
                return read.apply(rs.getObject(2));
            }
        }
    }

    private static VectorValidationException clientRejection(VectorType type, Runnable action) {
        try {
            action.run();
            return null;
        } catch (VectorValidationException e) {
            String expectedName = type == VectorType.BIT ? "bit" : type.sqlName();
            assertThat(e.getMessage()).as("a rejection names the type and what is wrong").contains(expectedName)
                    .hasSizeGreaterThan(expectedName.length() + 15);
            return e;
        }
    }

    private static void compare(Tally tally, String path, VectorValidationException client, Verdict server, String input) {
        if ((client == null) != server.accepted()) {
            tally.disagree(path + ": client " + (client == null ? "accepts" : "rejects (" + client.getMessage() + ")")
                    + ", server " + (server.accepted() ? "accepts as " + server.output() : "rejects (" + server.sqlState()
                    + " " + server.message() + ")") + ": " + abbreviate(input));
        }
    }

    private static void finish(Tally tally) {
        tally.print();
        assertThat(tally.disagreements).as(tally.name + ": disagreements between client and server").isEmpty();
        assertThat(tally.accepted).as("some inputs are valid").isPositive();
        assertThat(tally.rejected).as("some inputs are invalid").isPositive();
    }

    private static final String[] SERVER_SPACES = {" ", "\t", "\n", "\r", "\u000B", "\f"};
    private static final String[] OTHER_SPACES = {"\u001C", "\u00A0", "\u2003", "\u3000", "\u0001", "\u0000", "\u0085"};

    private static String space(Random r) {
        int pick = r.nextInt(20);
        return pick < 14 ? "" : pick < 19 ? SERVER_SPACES[r.nextInt(SERVER_SPACES.length)]
                : OTHER_SPACES[r.nextInt(OTHER_SPACES.length)];
    }

    private static final String[] ODD_NUMBERS = {"0x10", "0x1.8p1", "-0X.8", "0x", "0x1p", "inf", "-Infinity", "nan",
        "NaN", "1e39", "-1e39", "1e-50", "1e-46", "1e-40", "+.5", "1.", ".", "1e", "1e+", "--1", "+-1", "1f", "2d", "\uff11",
        "\u0661", "1_000", "1 2", "", "65520", "65519.99", "-65504", "1E3", "0e-999", "9e-46", "infinit", "+inf",
        "0x1P-150"};

    private static String numberToken(Random r) {
        return r.nextInt(4) == 0 ? ODD_NUMBERS[r.nextInt(ODD_NUMBERS.length)] : cText(Fuzz.hostileFloat(r));
    }

    private static String denseText(float[] v) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            s.append(i == 0 ? "" : ",").append(cText(v[i]));
        }
        return s.append(']').toString();
    }

    private static byte[] rawDense(VectorType type, float[] v) {
        int size = type == VectorType.HALFVEC ? 2 : 4;
        ByteBuffer b = ByteBuffer.allocate(4 + size * v.length).putShort((short) v.length).putShort((short) 0);
        for (float f : v) {
            if (type == VectorType.HALFVEC) {
                b.putShort(Float16.fromFloat(f));
            } else {
                b.putFloat(f);
            }
        }
        return b.array();
    }

    private static String sparseText(int dims, int[] indices, float[] values) {
        StringBuilder s = new StringBuilder("{");
        for (int k = 0; k < indices.length; k++) {
            s.append(k == 0 ? "" : ",").append((long) indices[k] + 1).append(':').append(cText(values[k]));
        }
        return s.append("}/").append(dims).toString();
    }

    private static byte[] rawSparse(int dims, int[] indices, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 * indices.length).putInt(dims).putInt(indices.length).putInt(0);
        for (int index : indices) {
            b.putInt(index);
        }
        for (float value : values) {
            b.putFloat(value);
        }
        return b.array();
    }

    private static String describe(float[] v) {
        if (v.length <= 8) {
            return Arrays.toString(v);
        }
        StringBuilder odd = new StringBuilder("[... ");
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i]) || Math.abs(v[i]) > 60_000 || (v[i] != 0 && Math.abs(v[i]) < Float.MIN_NORMAL)) {
                odd.append(i).append('=').append(v[i]).append(' ');
            }
        }
        return odd.append("]").toString();
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        for (char ch : s.toCharArray()) {
            out.append(ch < 0x20 || ch > 0x7e ? String.format("\\u%04x", (int) ch) : String.valueOf(ch));
        }
        return out.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 160 ? s : s.substring(0, 157) + "...";
    }
}
