package io.github.vectororm.hibernate.internal;

import io.github.vectororm.core.VectorType;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.Size;
import org.hibernate.type.descriptor.sql.internal.DdlTypeImpl;

/** Renders {@code vector(n)} and its siblings from the attribute's {@code @Array(length = n)}. */
final class PgVectorDdlType extends DdlTypeImpl {

    private static final long serialVersionUID = 1L;

    private final VectorType type;

    PgVectorDdlType(int sqlTypeCode, VectorType type, Dialect dialect) {
        super(sqlTypeCode, type.sqlName() + "($l)", type.sqlName(), dialect);
        this.type = type;
    }

    @Override
    public String getTypeName(Size size) {
        Integer dimensions = size.getArrayLength();
        if (dimensions == null) {
            return type.sqlName();
        }
        return type.columnDefinition(dimensions);
    }

    @Override
    public String getTypeName(Long length, Integer precision, Integer scale) {
        return type.sqlName();
    }
}
