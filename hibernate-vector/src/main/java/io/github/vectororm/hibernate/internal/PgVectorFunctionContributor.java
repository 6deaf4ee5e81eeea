package io.github.vectororm.hibernate.internal;

import com.pgvector.PGbit;
import io.github.vectororm.core.Metric;
import io.github.vectororm.core.PgVectorFunction;
import io.github.vectororm.core.PgVectorVersion;
import io.github.vectororm.core.VectorType;
import io.github.vectororm.hibernate.VectorFunctions;
import io.github.vectororm.hibernate.VectorOrmHibernate;
import java.util.function.Consumer;
import org.hibernate.boot.model.FunctionContributions;
import org.hibernate.boot.model.FunctionContributor;
import org.hibernate.dialect.PostgreSQLDialect;
import org.hibernate.query.sqm.function.AbstractSqmSelfRenderingFunctionDescriptor;
import org.hibernate.query.sqm.function.SqmFunctionRegistry;
import org.hibernate.query.sqm.produce.function.PatternFunctionDescriptorBuilder;
import org.hibernate.query.sqm.produce.function.StandardFunctionArgumentTypeResolvers;
import org.hibernate.query.sqm.produce.function.StandardFunctionReturnTypeResolvers;
import org.hibernate.type.BasicType;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.StandardBasicTypes;
import org.hibernate.type.spi.TypeConfiguration;

/**
 * Registers the pgvector functions listed on {@link VectorFunctions} for PostgreSQL dialects, with a higher
 * ordinal than Hibernate's own hibernate-vector contributor so that where both define a name, the
 * bare-operator rendering wins.
 */
public final class PgVectorFunctionContributor implements FunctionContributor {

    private static final System.Logger LOG = System.getLogger(PgVectorFunctionContributor.class.getName());

    @Override
    public void contributeFunctions(FunctionContributions contributions) {
        if (!(contributions.getDialect() instanceof PostgreSQLDialect)
                || !VectorOrmHibernate.isEnabled(contributions.getServiceRegistry())) {
            return;
        }
        SqmFunctionRegistry registry = contributions.getFunctionRegistry();
        TypeConfiguration types = contributions.getTypeConfiguration();
        BasicType<Double> doubleType = types.getBasicTypeRegistry().resolve(StandardBasicTypes.DOUBLE);

        // one gate per SessionFactory: the functions newer than the oldest supported pgvector are refused when a query
        // is translated, naming the function and both versions
        FunctionVersionGate gate = new FunctionVersionGate();
        for (Metric metric : Metric.values()) {
            String bareOperator = "(?1" + metric.operator() + "?2)";
            for (String name : metric.queryFunctionNames()) {
                register(registry, distance(registry, name, bareOperator, doubleType), gate, metric.since().isEmpty() ? null
                        : installed -> metric.requireSupportedBy(installed, name));
            }
            if (metric.functionNegates()) { // the SQL function's own sign, e.g. the positive inner product
                String name = metric.functionName();
                register(registry, distance(registry, name, "(" + bareOperator + "*-1)", doubleType), gate,
                        metric.since().isEmpty() ? null : installed -> metric.requireSupportedBy(installed, name));
            }
        }

        register(registry, PgVectorFunction.VECTOR_DIMS, gate, registry.patternDescriptorBuilder(PgVectorFunction.VECTOR_DIMS.sqlName(),
                PgVectorFunction.VECTOR_DIMS.sqlName() + "(?1)").setExactArgumentCount(1)
                .setArgumentTypeResolver(VectorArgumentTypeResolver.FIRST)
                .setInvariantType(types.getBasicTypeRegistry().resolve(StandardBasicTypes.INTEGER)));
        // one HQL function under each of pgvector's norm names (vector_norm for vector, l2_norm for halfvec and
        // sparsevec); it renders its argument's own
        String norm = VectorNormFunction.NAME;
        registry.register(norm, new VectorNormFunction(types));
        java.util.Arrays.stream(VectorType.values()).map(VectorType::normFunction).flatMap(java.util.Optional::stream)
                .distinct().filter(name -> !name.equals(norm)).forEach(name -> registry.registerAlternateKey(name, norm));
        PgVectorFunction normalize = PgVectorFunction.L2_NORMALIZE;
        register(registry, normalize, gate, registry.patternDescriptorBuilder(normalize.sqlName(), normalize.sqlName() + "(?1)")
                .setExactArgumentCount(1).setArgumentTypeResolver(VectorArgumentTypeResolver.FIRST)
                .setReturnTypeResolver(StandardFunctionReturnTypeResolvers.useArgType(1)));
        PgVectorFunction quantize = PgVectorFunction.BINARY_QUANTIZE;
        register(registry, quantize, gate, registry.patternDescriptorBuilder(quantize.sqlName(), quantize.sqlName() + "(?1)")
                .setExactArgumentCount(1)
                .setArgumentTypeResolver(VectorArgumentTypeResolver.FIRST)
                .setInvariantType(types.getBasicTypeRegistry().resolve(
                        types.getJavaTypeRegistry().resolveDescriptor(PGbit.class),
                        types.getJdbcTypeRegistry().getDescriptor(SqlTypes.VECTOR_BINARY))));
        PgVectorFunction subvector = PgVectorFunction.SUBVECTOR;
        register(registry, subvector, gate, registry.patternDescriptorBuilder(subvector.sqlName(), subvector.sqlName() + "(?1,?2,?3)")
                .setExactArgumentCount(3)
                .setArgumentTypeResolver(StandardFunctionArgumentTypeResolvers.byArgument(VectorArgumentTypeResolver.FIRST,
                        StandardFunctionArgumentTypeResolvers.invariant(types, org.hibernate.query.sqm.produce.function.FunctionParameterType.INTEGER),
                        StandardFunctionArgumentTypeResolvers.invariant(types, org.hibernate.query.sqm.produce.function.FunctionParameterType.INTEGER)))
                .setReturnTypeResolver(StandardFunctionReturnTypeResolvers.useArgType(1)));
        // the aggregates under names of their own: HQL's avg and sum are the numeric ones
        for (PgVectorFunction aggregate : new PgVectorFunction[] {PgVectorFunction.AVG, PgVectorFunction.SUM}) {
            register(registry, aggregate, gate, registry.patternAggregateDescriptorBuilder("vector_" + aggregate.sqlName(),
                    aggregate.sqlName() + "(?1)").setExactArgumentCount(1)
                    .setReturnTypeResolver(StandardFunctionReturnTypeResolvers.useArgType(1)));
        }
        LOG.log(System.Logger.Level.DEBUG, "vector-orm registered pgvector HQL functions for {0}", contributions.getDialect());
    }

    private static PatternFunctionDescriptorBuilder distance(SqmFunctionRegistry registry, String name, String pattern,
            BasicType<Double> doubleType) {
        return registry.patternDescriptorBuilder(name, pattern)
                .setArgumentsValidator(VectorArgumentsValidator.TWO)
                .setArgumentTypeResolver(VectorArgumentTypeResolver.FIRST_TWO)
                .setInvariantType(doubleType)
                .setArgumentListSignature("(VECTOR a, VECTOR b)");
    }

    private static void register(SqmFunctionRegistry registry, PgVectorFunction function, FunctionVersionGate gate,
            PatternFunctionDescriptorBuilder builder) {
        register(registry, builder, gate, function.since().isEmpty() ? null : function::requireSupportedBy);
    }

    /** Registers the builder's function, behind the version gate when it has a requirement. */
    private static void register(SqmFunctionRegistry registry, PatternFunctionDescriptorBuilder builder,
            FunctionVersionGate gate, Consumer<PgVectorVersion> requirement) {
        if (requirement == null) {
            builder.register();
            return;
        }
        AbstractSqmSelfRenderingFunctionDescriptor rendering = (AbstractSqmSelfRenderingFunctionDescriptor) builder.descriptor();
        registry.register(rendering.getName(), new VersionGatedFunction(rendering, gate, requirement));
    }

    /** Above hibernate-vector's 200, within the 500-1000 band Hibernate suggests for libraries. */
    @Override
    public int ordinal() {
        return 600;
    }
}
