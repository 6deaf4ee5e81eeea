package io.github.vectororm.benchmarks.adapters;

import org.hibernate.boot.model.naming.Identifier;
import org.hibernate.boot.model.naming.PhysicalNamingStrategyStandardImpl;
import org.hibernate.engine.jdbc.env.spi.JdbcEnvironment;

/**
 * Maps {@link BenchItem}'s placeholder table onto a benchmark's table, so one entity class serves the k-NN data
 * set and each bulk-load scratch table; every other name is left as written.
 */
public final class TableNaming extends PhysicalNamingStrategyStandardImpl {

    private static final long serialVersionUID = 1L;

    private final String schema;
    private final String table;

    /**
     * @param qualifiedTable the benchmark's {@code schema.table}
     */
    public TableNaming(String qualifiedTable) {
        int dot = qualifiedTable.indexOf('.');
        this.schema = qualifiedTable.substring(0, dot);
        this.table = qualifiedTable.substring(dot + 1);
    }

    /** @return the schema of the mapped table, for {@code hibernate.default_schema} */
    public String schema() {
        return schema;
    }

    @Override
    public Identifier toPhysicalTableName(Identifier logicalName, JdbcEnvironment context) {
        return logicalName != null && logicalName.getText().equalsIgnoreCase(BenchItem.TABLE)
                ? Identifier.toIdentifier(table) : logicalName;
    }
}
