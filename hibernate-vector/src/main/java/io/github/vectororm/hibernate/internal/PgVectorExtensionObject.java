package io.github.vectororm.hibernate.internal;

import io.github.vectororm.core.PgVectorExtension;
import org.hibernate.boot.model.relational.AuxiliaryDatabaseObject;
import org.hibernate.boot.model.relational.SqlStringGenerationContext;
import org.hibernate.dialect.Dialect;
import org.hibernate.dialect.PostgreSQLDialect;

/**
 * {@code CREATE EXTENSION IF NOT EXISTS vector}, ahead of the tables, in every schema action and script of
 * a model with a vector column. It is never dropped: other schemas and applications may use it.
 */
final class PgVectorExtensionObject implements AuxiliaryDatabaseObject {

    static final PgVectorExtensionObject INSTANCE = new PgVectorExtensionObject();
    private static final long serialVersionUID = 1L;

    private PgVectorExtensionObject() {
    }

    @Override
    public String getExportIdentifier() {
        return "vectororm.extension.vector";
    }

    @Override
    public boolean appliesToDialect(Dialect dialect) {
        return dialect instanceof PostgreSQLDialect;
    }

    @Override
    public boolean beforeTablesOnCreation() {
        return true;
    }

    @Override
    public String[] sqlCreateStrings(SqlStringGenerationContext context) {
        return new String[] {PgVectorExtension.CREATE_SQL};
    }

    @Override
    public String[] sqlDropStrings(SqlStringGenerationContext context) {
        return new String[0];
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
