package io.github.vectororm.hibernate.internal;

import io.github.vectororm.core.PgVectorVersion;
import java.util.List;
import java.util.function.Consumer;
import org.hibernate.metamodel.model.domain.ReturnableType;
import org.hibernate.query.sqm.function.AbstractSqmSelfRenderingFunctionDescriptor;
import org.hibernate.sql.ast.SqlAstTranslator;
import org.hibernate.sql.ast.spi.SqlAppender;
import org.hibernate.sql.ast.tree.SqlAstNode;
import org.hibernate.sql.ast.tree.predicate.Predicate;

/**
 * An HQL function that renders like another, after checking that the installed pgvector has it (a function or an
 * operator vector-core's rows date after the oldest supported pgvector).
 */
final class VersionGatedFunction extends AbstractSqmSelfRenderingFunctionDescriptor {

    private final AbstractSqmSelfRenderingFunctionDescriptor rendering;
    private final FunctionVersionGate gate;
    private final Consumer<PgVectorVersion> requirement;

    VersionGatedFunction(AbstractSqmSelfRenderingFunctionDescriptor rendering, FunctionVersionGate gate,
            Consumer<PgVectorVersion> requirement) {
        super(rendering.getName(), rendering.getFunctionKind(), rendering.getArgumentsValidator(),
                rendering.getReturnTypeResolver(), rendering.getArgumentTypeResolver());
        this.rendering = rendering;
        this.gate = gate;
        this.requirement = requirement;
    }

    @Override
    public void render(SqlAppender appender, List<? extends SqlAstNode> arguments, ReturnableType<?> returnType,
            SqlAstTranslator<?> walker) {
        gate.check(walker.getSessionFactory(), requirement);
        rendering.render(appender, arguments, returnType, walker);
    }

    @Override
    public void render(SqlAppender appender, List<? extends SqlAstNode> arguments, Predicate filter,
            ReturnableType<?> returnType, SqlAstTranslator<?> walker) {
        gate.check(walker.getSessionFactory(), requirement);
        rendering.render(appender, arguments, filter, returnType, walker);
    }

    @Override
    public String getArgumentListSignature() {
        return rendering.getArgumentListSignature();
    }
}
