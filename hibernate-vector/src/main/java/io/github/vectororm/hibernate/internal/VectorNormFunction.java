package io.github.vectororm.hibernate.internal;

import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.metamodel.model.domain.ReturnableType;
import org.hibernate.query.sqm.function.AbstractSqmSelfRenderingFunctionDescriptor;
import org.hibernate.query.sqm.produce.function.StandardArgumentsValidators;
import org.hibernate.query.sqm.produce.function.StandardFunctionReturnTypeResolvers;
import org.hibernate.sql.ast.SqlAstTranslator;
import org.hibernate.sql.ast.spi.SqlAppender;
import org.hibernate.sql.ast.tree.SqlAstNode;
import org.hibernate.sql.ast.tree.expression.Expression;
import org.hibernate.type.descriptor.jdbc.JdbcType;
import org.hibernate.type.spi.TypeConfiguration;

/**
 * {@code vector_norm(v)}: pgvector names the norm by column type ({@link VectorType#normFunction()}: {@code vector_norm}
 * for vector, {@code l2_norm} for halfvec and sparsevec), so the SQL name is the argument's type's; a type without a
 * norm (bit) is refused before the database.
 */
final class VectorNormFunction extends AbstractSqmSelfRenderingFunctionDescriptor {

    /** The HQL name: the norm function of pgvector's {@code vector} type. */
    static final String NAME = VectorType.VECTOR.normFunction().orElseThrow();

    VectorNormFunction(TypeConfiguration configuration) {
        super(NAME, StandardArgumentsValidators.exactly(1),
                StandardFunctionReturnTypeResolvers.invariant(configuration.getBasicTypeForJavaType(Double.class)),
                VectorArgumentTypeResolver.FIRST);
    }

    @Override
    public void render(SqlAppender appender, List<? extends SqlAstNode> arguments, ReturnableType<?> returnType,
            SqlAstTranslator<?> walker) {
        Expression vector = (Expression) arguments.get(0);
        appender.append(normFunction(vector.getExpressionType().getSingleJdbcMapping().getJdbcType()));
        appender.append('(');
        vector.accept(walker);
        appender.append(')');
    }

    private static String normFunction(JdbcType jdbcType) {
        if (!(jdbcType instanceof PgVectorJdbcType pgvector)) {
            throw new VectorValidationException(NAME + " applies to a pgvector value, not " + jdbcType.getFriendlyName());
        }
        VectorType type = pgvector.vectorType();
        return type.normFunction().orElseThrow(() -> {
            List<String> withNorm = new ArrayList<>();
            for (VectorType t : VectorType.values()) {
                t.normFunction().ifPresent(f -> withNorm.add(t.sqlName() + " (" + f + ")"));
            }
            return new VectorValidationException(NAME + ": " + type.sqlName() + " has no norm in pgvector; types with one: "
                    + String.join(", ", withNorm));
        });
    }
}
