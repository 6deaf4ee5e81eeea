package io.github.vectororm.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import com.pgvector.PGbit;
import com.pgvector.PGsparsevec;
import com.pgvector.PGvector;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.jdbc.PgVectorTypes;
import io.github.vectororm.jooq.bindings.BitBinding;
import io.github.vectororm.jooq.bindings.FloatHalfvecBinding;
import io.github.vectororm.jooq.bindings.FloatVectorBinding;
import io.github.vectororm.jooq.bindings.SparsevecBinding;
import io.github.vectororm.test.PgVectorDatabase;
import io.github.vectororm.test.TestDatabase;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.codegen.GenerationTool;
import org.jooq.impl.DSL;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Jdbc;
import org.jooq.meta.jaxb.Target;
import org.junit.jupiter.api.Test;

/**
 * Runs jOOQ's code generator against the test schema with docs/jooq.md's {@code <forcedTypes>}, compiles the generated
 * sources and queries with the generated classes.
 */
@PgVectorDatabase
class CodegenRoundTripTest {

    private static final String PACKAGE = "io.github.vectororm.jooq.generated";

    @Test
    void generatedClassesUseTheBindingsAndRunQueries(TestDatabase db) throws Exception {
        db.execute("create table animals (id bigint primary key, name text not null, embedding vector(3),"
                        + " half halfvec(3), sparse sparsevec(5), hash_bits bit(4), flag bit(1))",
                "insert into animals values (1, 'shark', '[1,0.1,0.8]', '[1,0.1,0.8]', '{1:1,5:2}/5', '1010', '1'),"
                        + " (2, 'dolphin', '[0.9,0.3,0.7]', '[0.9,0.3,0.7]', '{2:3}/5', '1110', '0'),"
                        + " (3, 'cat', '[0.1,1,0.2]', '[0.1,1,0.2]', '{3:1}/5', '0001', '1')");
        Path work = Path.of("target", "codegen-test", UUID.randomUUID().toString()).toAbsolutePath();
        Path sources = work.resolve("src");
        Path classes = work.resolve("classes");

        Configuration configuration = GenerationTool.load(new ByteArrayInputStream(
                ("<configuration xmlns=\"http://www.jooq.org/xsd/jooq-codegen-3.21.1.xsd\"><generator><database>"
                        + readmeForcedTypes() + "</database></generator></configuration>").getBytes(StandardCharsets.UTF_8)));
        Generator generator = configuration.getGenerator();
        Database database = generator.getDatabase()
                .withName("org.jooq.meta.postgres.PostgresDatabase")
                .withInputSchema(db.schema())
                .withOutputSchemaToDefault(true);
        generator.withDatabase(database).withTarget(new Target().withPackageName(PACKAGE).withDirectory(sources.toString()));
        configuration.withJdbc(new Jdbc().withDriver("org.postgresql.Driver").withUrl(db.jdbcUrl()));
        GenerationTool.generate(configuration);

        String animalsSource = Files.readString(sources.resolve(PACKAGE.replace('.', '/') + "/tables/Animals.java"));
        assertThat(animalsSource)
                .contains("new FloatVectorBinding()").contains("new FloatHalfvecBinding()")
                .contains("new SparsevecBinding()").contains("new BitBinding()")
                .contains("TableField<AnimalsRecord, float[]> EMBEDDING");
        compile(sources, classes);

        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader());
                Connection connection = DriverManager.getConnection(PgVectorTypes.withBinaryTransfer(db.jdbcUrl("prepareThreshold", "-1")))) {
            Table<?> animals = (Table<?>) loader.loadClass(PACKAGE + ".tables.Animals").getField("ANIMALS").get(null);
            @SuppressWarnings("unchecked")
            Field<float[]> embedding = (Field<float[]>) animals.field("embedding");
            @SuppressWarnings("unchecked")
            Field<String> name = (Field<String>) animals.field("name");
            assertThat(embedding.getDataType().getBinding()).isInstanceOf(FloatVectorBinding.class);
            assertThat(animals.field("half").getDataType().getBinding()).isInstanceOf(FloatHalfvecBinding.class);
            assertThat(animals.field("sparse").getDataType().getBinding()).isInstanceOf(SparsevecBinding.class);
            assertThat(animals.field("hash_bits").getDataType().getBinding()).isInstanceOf(BitBinding.class);
            assertThat(animals.field("flag").getType()).as("includeExpression keeps other bit columns").isNotEqualTo(PGbit.class);
            assertThat(VectorDataTypes.vectorTypeOf(embedding)).contains(VectorType.VECTOR);

            DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
            Record shark = dsl.selectFrom(animals).where(name.eq("shark")).fetchOne();
            assertThat(shark.getClass().getSimpleName()).isEqualTo("AnimalsRecord");
            assertThat(shark.get(embedding)).containsExactly(1f, 0.1f, 0.8f);
            assertThat((float[]) shark.get("half")).containsExactly(1f, 0.0999755859375f, 0.7998046875f);
            assertThat(((PGsparsevec) shark.get("sparse")).getIndices()).containsExactly(0, 4);
            assertThat(((PGbit) shark.get("hash_bits")).toArray()).containsExactly(true, false, true, false);

            // insert through the generated record, then a k-NN query over the generated table
            @SuppressWarnings("unchecked")
            Field<Long> id = (Field<Long>) animals.field("id");
            dsl.insertInto(animals).set(id, 4L).set(name, "whale").set(embedding, new float[] {1f, 0.2f, 1f}).execute();
            List<? extends Neighbor<?>> nearest = NearestNeighbors.of(animals, embedding, Metric.L2,
                            DSL.field(DSL.select(embedding).from(animals).where(name.eq("shark"))))
                    .where(name.ne("shark")).limit(2).fetch(dsl);
            assertThat(nearest).extracting(n -> n.record().get(name)).containsExactly("whale", "dolphin");
            assertThat(nearest.getFirst().record().getClass().getSimpleName()).isEqualTo("AnimalsRecord");
            assertThat(nearest.getFirst().distance()).isEqualTo(Metric.L2.distance(new float[] {1f, 0.1f, 0.8f}, new float[] {1f, 0.2f, 1f}));
            assertThat(new PGvector(dsl.select(embedding).from(animals).where(id.eq(4L)).fetchOne(embedding)).toArray())
                    .containsExactly(1f, 0.2f, 1f);
        }
    }

    /** The {@code <forcedTypes>} block of docs/jooq.md's code generator section: the test runs what the page shows. */
    private static String readmeForcedTypes() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("mvnw"))) {
            dir = dir.getParent();
        }
        String page = Files.readString(dir.resolve("docs/jooq.md"));
        String jooq = page.substring(page.indexOf("## Code generator"));
        int start = jooq.indexOf("<forcedTypes>");
        int end = jooq.indexOf("</forcedTypes>") + "</forcedTypes>".length();
        assertThat(start).as("docs/jooq.md's code generator section shows a <forcedTypes> block").isPositive();
        return jooq.substring(start, end);
    }

    private static void compile(Path sources, Path classes) throws IOException, URISyntaxException {
        Files.createDirectories(classes);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "21", "-proc:none", "-d", classes.toString(), "-classpath", classpath());
            boolean ok = compiler.getTask(null, fileManager, diagnostics, options, null,
                    fileManager.getJavaFileObjectsFromPaths(files)).call();
            assertThat(ok).as("generated sources compile: %s", diagnostics.getDiagnostics()).isTrue();
        }
    }

    /** Where the classes the generated code needs come from (surefire's own class path may be a manifest jar). */
    private static String classpath() throws URISyntaxException {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : List.of(DSL.class, org.reactivestreams.Publisher.class, io.r2dbc.spi.ConnectionFactory.class,
                FloatVectorBinding.class, VectorType.class, PGvector.class, org.postgresql.Driver.class)) {
            entries.add(Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString());
        }
        return String.join(java.io.File.pathSeparator, new ArrayList<>(entries));
    }
}
