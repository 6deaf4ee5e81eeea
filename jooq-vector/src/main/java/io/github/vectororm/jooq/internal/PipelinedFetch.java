package io.github.vectororm.jooq.internal;

import io.github.vectororm.core.PgVectorExtension;
import io.github.vectororm.core.SearchSettings;
import io.github.vectororm.core.search.SettingsPipeline;
import java.sql.Connection;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.Results;
import org.jooq.Select;
import org.jooq.impl.DSL;

/**
 * Fetches a jOOQ select with its search settings in the same round trip: vector-core's {@link SettingsPipeline}
 * parts and the select joined into one statement (pgjdbc sends its parts with one Sync), the select's result read
 * back with its own fields' types. In auto-commit mode the settings end with the statement; inside a caller's
 * transaction its own values are restored by the statement's last part.
 */
public final class PipelinedFetch {

    private PipelinedFetch() {
    }

    /**
     * Runs the select with the settings.
     *
     * @param dsl the context
     * @param settings the settings, possibly none
     * @param select the query
     * @return its rows, typed as the select's fields
     */
    public static Result<Record> fetch(DSLContext dsl, SearchSettings settings, Select<Record> select) {
        if (settings.isEmpty()) {
            return dsl.fetch(select);
        }
        if (!settings.requiredFeatures().isEmpty()) { // read once per connection
            dsl.connection(connection -> PgVectorExtension.require(connection, settings.requiredFeatures()));
        }
        boolean restore = !dsl.connectionResult(Connection::getAutoCommit);
        SettingsPipeline.Around around = SettingsPipeline.around(settings, restore);
        QueryPart before = DSL.sql(around.before().sql(), around.before().parameters().toArray());
        Results results = around.after() == null ? dsl.resultQuery("{0}; {1}", before, select).fetchMany()
                : dsl.resultQuery("{0}; {1}; {2}", before, select,
                        DSL.sql(around.after().sql(), around.after().parameters().toArray())).fetchMany();
        // read back with the select's own fields, so that vector columns come through their bindings
        return results.get(around.resultIndex()).into(select.fields());
    }
}
