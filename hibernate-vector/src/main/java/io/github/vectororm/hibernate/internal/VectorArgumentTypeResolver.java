package io.github.vectororm.hibernate.internal;

import java.util.List;
import org.hibernate.metamodel.mapping.MappingModelExpressible;
import org.hibernate.query.sqm.produce.function.FunctionArgumentTypeResolver;
import org.hibernate.query.sqm.sql.SqmToSqlAstConverter;
import org.hibernate.query.sqm.tree.SqmTypedNode;
import org.hibernate.query.sqm.tree.expression.SqmExpression;
import org.hibernate.query.sqm.tree.expression.SqmFunction;
import org.hibernate.type.StandardBasicTypes;

/**
 * Types a vector argument (a query parameter, usually) like the other vector argument of the same call,
 * i.e. like the attribute it is compared with, so it binds as that column's pgvector type.
 */
final class VectorArgumentTypeResolver implements FunctionArgumentTypeResolver {

    static final VectorArgumentTypeResolver FIRST = new VectorArgumentTypeResolver(0);
    static final VectorArgumentTypeResolver FIRST_TWO = new VectorArgumentTypeResolver(0, 1);

    private final int[] vectorArguments;

    private VectorArgumentTypeResolver(int... vectorArguments) {
        this.vectorArguments = vectorArguments;
    }

    @Override
    public MappingModelExpressible<?> resolveFunctionArgumentType(SqmFunction<?> function, int argumentIndex,
            SqmToSqlAstConverter converter) {
        return resolveFunctionArgumentType(function.getArguments(), argumentIndex, converter);
    }

    @Override
    public MappingModelExpressible<?> resolveFunctionArgumentType(List<? extends SqmTypedNode<?>> arguments,
            int argumentIndex, SqmToSqlAstConverter converter) {
        for (int i : vectorArguments) {
            if (i != argumentIndex && arguments.get(i) instanceof SqmExpression<?> expression) {
                MappingModelExpressible<?> type = converter.determineValueMapping(expression);
                if (type != null) {
                    return type;
                }
            }
        }
        return converter.getCreationContext().getTypeConfiguration().getBasicTypeRegistry().resolve(StandardBasicTypes.VECTOR);
    }
}
