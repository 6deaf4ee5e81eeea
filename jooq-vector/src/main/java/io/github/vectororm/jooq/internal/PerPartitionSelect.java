package io.github.vectororm.jooq.internal;

import io.github.vectororm.core.search.Partitions.Partition;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Context;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.MappedTable;
import org.jooq.conf.ParamType;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.DSL;

/**
 * The {@code UNION ALL} of one jOOQ select over each leaf partition: the select is rendered once per leaf with a
 * runtime table mapping ({@link RenderMapping}) from the partitioned table to the leaf, so the table, its fields and
 * every condition on them name the leaf. The branches keep their bind values as jOOQ {@link Param}s (with their data
 * types and bindings), so the statement binds them as the select alone would.
 *
 * <p>jOOQ maps a table by its schema's name ({@code ""} for an unqualified table) and its own name. The leaf is always
 * rendered in its catalog schema: for a qualified table that maps its schema only when the leaf's differs (jOOQ
 * ignores a self-mapping); for an unqualified one every unqualified table of the branch is rendered in that schema.
 */
public final class PerPartitionSelect {

    private PerPartitionSelect() {
    }

    /**
     * The branches' union, as a derived table to alias.
     *
     * @param branch the select over the partitioned table
     * @param table the partitioned table as the select names it
     * @param leaves its leaf partitions
     * @return {@code ((branch over leaf 1) union all (branch over leaf 2) ...)}
     */
    public static Table<Record> unionAll(Select<?> branch, Table<?> table, List<Partition> leaves) {
        StringBuilder template = new StringBuilder("(");
        List<QueryPart> parts = new ArrayList<>();
        for (Partition leaf : leaves) {
            template.append(parts.isEmpty() ? "({" : " union all ({").append(parts.size()).append("})");
            parts.add(new Branch(branch, table, leaf));
        }
        return DSL.table(template.append(')').toString(), parts.toArray(QueryPart[]::new));
    }

    /** The select rendered for one leaf, at the time the enclosing statement is rendered. */
    private static final class Branch extends CustomQueryPart {

        private final Select<?> select;
        private final Table<?> table;
        private final Partition leaf;

        Branch(Select<?> select, Table<?> table, Partition leaf) {
            this.select = select;
            this.table = table;
            this.leaf = leaf;
        }

        @Override
        public void accept(Context<?> ctx) {
            // a shallow copy: its own fields are set below, none of the caller's objects is changed
            Settings settings = ctx.settings() == null ? new Settings() : (Settings) ctx.settings().clone();
            String schema = table.getSchema() == null ? "" : table.getSchema().getName();
            // a new mapping (jOOQ's clone() shares the lists, which belong to the caller's settings), the leaf's
            // first: jOOQ takes the first mapping whose input matches
            RenderMapping own = settings.getRenderMapping();
            List<MappedSchema> schemata = new ArrayList<>();
            schemata.add(new MappedSchema().withInput(schema).withOutput(leaf.schema())
                    .withTables(new MappedTable().withInput(table.getName()).withOutput(leaf.name())));
            RenderMapping mapping = new RenderMapping();
            if (own != null) {
                schemata.addAll(own.getSchemata());
                mapping.withDefaultCatalog(own.getDefaultCatalog()).withDefaultSchema(own.getDefaultSchema())
                        .withCatalogs(new ArrayList<>(own.getCatalogs()));
            }
            mapping.withSchemata(schemata);
            // rendered with "?" placeholders, whatever the context's own statement type: the enclosing context then
            // renders the Params as it renders any (bound, or inlined when it inlines)
            settings.withRenderMapping(mapping).withParamType(ParamType.INDEXED)
                    .withStatementType(StatementType.PREPARED_STATEMENT);
            DSLContext leafDsl = DSL.using(ctx.configuration().derive(settings));
            List<Param<?>> params = new ArrayList<>();
            for (Param<?> param : leafDsl.extractParams(select).values()) {
                if (!param.isInline()) {
                    params.add(param);
                }
            }
            // extractParams lists a named parameter once however often the select binds it: then the branch's
            // placeholders and its values would not line up
            if (params.size() != leafDsl.extractBindValues(select).size()) {
                throw new IllegalArgumentException("nearest neighbors per partition: the query binds a named parameter"
                        + " (DSL.param(name, value)) more than once, which a branch cannot re-bind in order; use unnamed"
                        + " values (DSL.val(value)) in its conditions");
            }
            ctx.visit(DSL.sql(leafDsl.render(select), params.toArray()));
        }
    }
}
