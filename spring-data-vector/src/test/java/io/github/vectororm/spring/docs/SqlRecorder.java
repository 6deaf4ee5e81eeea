package io.github.vectororm.spring.docs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Records the SQL Hibernate prepares (configured as hibernate.session_factory.statement_inspector). */
public class SqlRecorder implements StatementInspector {

    private static final long serialVersionUID = 1L;

    static final List<String> SQL = Collections.synchronizedList(new ArrayList<>());

    @Override
    public String inspect(String sql) {
        SQL.add(sql);
        return sql;
    }

    static String last() {
        synchronized (SQL) {
            return SQL.get(SQL.size() - 1);
        }
    }
}
