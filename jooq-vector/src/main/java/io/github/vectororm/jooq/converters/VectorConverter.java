package io.github.vectororm.jooq.converters;

import io.github.vectororm.core.VectorType;
import io.github.vectororm.core.VectorValidationException;
import io.github.vectororm.core.jdbc.VectorValues;
import io.github.vectororm.jooq.internal.VectorDimensions;
import java.util.Objects;
import org.jooq.Converter;

/**
 * Converts between what pgjdbc reads and writes for a pgvector column (a {@code PGobject}, binary-capable once
 * registered) and the Java type an application holds ({@code float[]} or a pgvector-java type); nulls pass through.
 *
 * <p>Writing validates the value (NaN, infinity, dimension limits, and the declared dimensions when known)
 * before any SQL reaches the server; reading accepts binary and text results alike.
 *
 * @param <U> the Java type
 * @since 0.1.0
 */
public final class VectorConverter<U> implements Converter<Object, U> {

    private static final long serialVersionUID = 1L;

    /** The column type. */
    private final VectorType vectorType;
    /** The Java type. */
    private final Class<U> userType;
    /** The column's declared number of dimensions. */
    private final int dimensions;

    /**
     * A converter for one column type and Java type.
     *
     * @param vectorType the column type
     * @param userType the Java type, one that {@link VectorValues#supports(VectorType, Class)} accepts
     * @param dimensions the declared dimensions to check values against, or 0 for any
     * @throws IllegalArgumentException if the Java type does not map to the column type
     * @since 0.1.0
     */
    public VectorConverter(VectorType vectorType, Class<U> userType, int dimensions) {
        this.vectorType = Objects.requireNonNull(vectorType, "vectorType");
        this.userType = Objects.requireNonNull(userType, "userType");
        if (!VectorValues.supports(vectorType, userType)) {
            throw new IllegalArgumentException(userType.getName() + " does not map to " + vectorType.sqlName()
                    + "; see VectorValues for the Java types of each column type");
        }
        if (dimensions != 0) {
            vectorType.checkDimensions(dimensions);
        }
        this.dimensions = dimensions;
    }

    /**
     * Converts a JDBC result value to the Java type.
     *
     * @param databaseObject what {@code getObject} returned, or {@code null}
     * @return the Java value, or {@code null}
     * @since 0.1.0
     */
    @Override
    public U from(Object databaseObject) {
        return VectorValues.fromResult(vectorType, databaseObject, userType);
    }

    /**
     * Converts a Java value to the JDBC parameter, validating it.
     *
     * @param userObject the Java value, or {@code null}
     * @return the binary-capable {@code PGobject}, or {@code null}
     * @throws VectorValidationException if the value is invalid for the column
     * @since 0.1.0
     */
    @Override
    public Object to(U userObject) {
        if (userObject == null) {
            return null;
        }
        var parameter = VectorValues.toParameter(vectorType, userObject);
        if (dimensions != 0) {
            vectorType.requireDimensions("value", VectorDimensions.of(parameter), "the column", dimensions);
        }
        return parameter;
    }

    /**
     * The JDBC-side type.
     *
     * @return {@code Object.class}: pgjdbc's value for a pgvector column
     * @since 0.1.0
     */
    @Override
    public Class<Object> fromType() {
        return Object.class;
    }

    /**
     * The application-side type.
     *
     * @return the Java type
     * @since 0.1.0
     */
    @Override
    public Class<U> toType() {
        return userType;
    }

    /**
     * The column type this converter is for.
     *
     * @return the column type
     * @since 0.1.0
     */
    public VectorType vectorType() {
        return vectorType;
    }

    /**
     * The declared dimensions values are checked against.
     *
     * @return the dimensions, or 0 when any are accepted
     * @since 0.1.0
     */
    public int dimensions() {
        return dimensions;
    }
}
