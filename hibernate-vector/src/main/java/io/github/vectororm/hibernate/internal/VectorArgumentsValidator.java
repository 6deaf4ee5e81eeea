package io.github.vectororm.hibernate.internal;

import java.util.List;
import org.hibernate.query.sqm.produce.function.ArgumentsValidator;
import org.hibernate.query.sqm.produce.function.StandardArgumentsValidators;
import org.hibernate.query.sqm.tree.SqmTypedNode;
import org.hibernate.query.sqm.tree.expression.AbstractSqmParameter;
import org.hibernate.type.BindingContext;

/**
 * Checks the argument count of a function over two vectors and marks a parameter among the arguments as taking
 * one value. Hibernate's HQL parser lets a parameter that is a function's last argument take a list (for varargs
 * functions), and never caches the SQL plan of a query with such a parameter: without this,
 * {@code <distance function>(e.embedding, :probe)}, the form Spring Data JPA's derived {@code ...Near} queries use,
 * would be translated anew on every execution. A vector argument is one value, never a list.
 */
final class VectorArgumentsValidator implements ArgumentsValidator {

    static final VectorArgumentsValidator TWO = new VectorArgumentsValidator(StandardArgumentsValidators.exactly(2));

    private final ArgumentsValidator count;

    private VectorArgumentsValidator(ArgumentsValidator count) {
        this.count = count;
    }

    @Override
    public void validate(List<? extends SqmTypedNode<?>> arguments, String functionName, BindingContext bindingContext) {
        count.validate(arguments, functionName, bindingContext);
        for (SqmTypedNode<?> argument : arguments) {
            if (argument instanceof AbstractSqmParameter<?> parameter) {
                parameter.disallowMultiValuedBinding();
            }
        }
    }

    @Override
    public String getSignature() {
        return count.getSignature();
    }
}
