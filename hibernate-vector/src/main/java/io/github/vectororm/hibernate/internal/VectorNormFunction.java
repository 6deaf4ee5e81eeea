package io.github.vectororm.hibernate.internal;

import java.util.List;
import org.hibernate.metamodel.model.domain.ReturnableType;
import org.hibernate.query.sqm.function.AbstractSqmSelfRenderingFunctionDescriptor;
import org.hibernate.query.sqm.produce.function.StandardArgumentsValidators;
import org.hibernate.query.sqm.produce.function.StandardFunctionReturnTypeResolvers;
import org.hibernate.sql.ast.SqlAstTranslator;
import org.hibernate.sql.ast.spi.SqlAppender;
import org.hibernate.sql.ast.tree.SqlAstNode;
import org.hibernate.sql.ast.tree.expression.Expression;
import org.hibernate.type.SqlTypes;
import org.hibernate.type.spi.TypeConfiguration;

/** {@code vector_norm(v)}: pgvector names the norm {@code vector_norm} for vector but {@code l2_norm} for halfvec and sparsevec. */
final class VectorNormFunction extends AbstractSqmSelfRenderingFunctionDescriptor {

    VectorNormFunction(TypeConfiguration configuration) {
        super("vector_norm", StandardArgumentsValidators.exactly(1),
                StandardFunctionReturnTypeResolvers.invariant(configuration.getBasicTypeForJavaType(Double.class)),
                VectorArgumentTypeResolver.FIRST);
    }

    @Override
    public void render(SqlAppender appender, List<? extends SqlAstNode> arguments, ReturnableType<?> returnType,
            SqlAstTranslator<?> walker) {
        Expression vector = (Expression) arguments.get(0);
        int code = vector.getExpressionType().getSingleJdbcMapping().getJdbcType().getDefaultSqlTypeCode();
        appender.append(code == SqlTypes.VECTOR_FLOAT16 || code == SqlTypes.SPARSE_VECTOR_FLOAT32 ? "l2_norm(" : "vector_norm(");
        vector.accept(walker);
        appender.append(')');
    }
}
