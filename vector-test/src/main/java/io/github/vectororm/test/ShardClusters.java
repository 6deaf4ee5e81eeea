package io.github.vectororm.test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The postgres_fdw clusters of {@code scripts/shards.sh} for a test class tagged {@code clusters}: a coordinator and its
 * shards ({@code SHARDS_COUNT}, two by default, from {@code SHARDS_PORT}), each with pgvector and a foreign server
 * {@code shard<i>} on the coordinator. {@link #start()} stops whatever an earlier run left and starts clean clusters;
 * the static helpers run plain JDBC on one cluster's URL.
 *
 * @since 0.1.0
 */
public final class ShardClusters {

    private static final String SCRIPT = "shards.sh";

    private final String coordinator;
    private final List<String> shards;

    private ShardClusters(String coordinator, List<String> shards) {
        this.coordinator = coordinator;
        this.shards = List.copyOf(shards);
    }

    /**
     * Stops any clusters an earlier run left, starts clean ones and reads their JDBC URLs.
     *
     * @return the running clusters
     * @throws IllegalStateException if the script fails (its output names what the machine lacks) or prints no URLs
     */
    public static ShardClusters start() {
        ClusterScript.run(SCRIPT, "stop");
        Map<String, String> urls = ClusterScript.values(ClusterScript.run(SCRIPT, "start"));
        String coordinator = urls.get("coordinator");
        List<String> shards = new ArrayList<>();
        for (int i = 1; urls.containsKey("shard" + i); i++) {
            shards.add(urls.get("shard" + i));
        }
        if (coordinator == null || shards.isEmpty()) {
            throw new IllegalStateException("scripts/" + SCRIPT + " start printed no coordinator and shard URLs: " + urls);
        }
        return new ShardClusters(coordinator, shards);
    }

    /**
     * The coordinator's JDBC URL.
     *
     * @return the URL of the cluster that holds the partitioned tables and the foreign servers
     */
    public String coordinator() {
        return coordinator;
    }

    /**
     * The shards' JDBC URLs, shard 1 first.
     *
     * @return the URLs, in shard order
     */
    public List<String> shards() {
        return shards;
    }

    /**
     * One shard's JDBC URL.
     *
     * @param number the shard's number, from 1 (foreign server {@code shard<number>})
     * @return its URL
     * @throws IndexOutOfBoundsException if there is no such shard
     */
    public String shard(int number) {
        return shards.get(number - 1);
    }

    /**
     * A DataSource on every shard, by the name of its foreign server on the coordinator ({@code shard1}, ...), e.g. for
     * an index build on each shard.
     *
     * @return the DataSources, shard 1 first
     */
    public Map<String, DataSource> shardDataSources() {
        Map<String, DataSource> servers = new LinkedHashMap<>();
        for (int i = 1; i <= shards.size(); i++) {
            servers.put("shard" + i, dataSource(shard(i)));
        }
        return servers;
    }

    /**
     * Creates a table list-partitioned by tenant over the shards, each shard holding tenant {@code i}: on shard {@code i}
     * the table {@code <table>_t<i> (id bigint primary key, tenant int not null check (tenant = <i>), <columns>)}; on the
     * coordinator {@code <table> (id bigint not null, tenant int not null, <columns>) partition by list (tenant)} and
     * per shard its foreign partition {@code <table>_t<i>} for values in ({@code i}), server {@code shard<i>}, options
     * ({@code table_name '<table>_t<i>'}).
     *
     * @param table the coordinator's table; the shards' tables are named after it
     * @param columns the columns after {@code id} and {@code tenant}, as they stand in CREATE TABLE, e.g.
     *        {@code category int not null, embedding vector(16)}
     * @throws SQLException if a statement fails
     */
    public void createTenantTable(String table, String columns) throws SQLException {
        createTenantTable(table, columns, true);
    }

    /**
     * Creates a table list-partitioned by tenant over the shards, as {@link #createTenantTable(String, String)} does,
     * with or without the shards' check of their tenant.
     *
     * @param table the coordinator's table; the shards' tables are named after it
     * @param columns the columns after {@code id} and {@code tenant}, as they stand in CREATE TABLE
     * @param checkTenant whether shard {@code i}'s table has {@code check (tenant = <i>)}
     * @throws SQLException if a statement fails
     */
    public void createTenantTable(String table, String columns, boolean checkTenant) throws SQLException {
        List<String> partitions = new ArrayList<>();
        partitions.add("create table " + table + " (id bigint not null, tenant int not null, " + columns
                + ") partition by list (tenant)");
        for (int i = 1; i <= shards.size(); i++) {
            String leaf = table + "_t" + i;
            execute(shard(i), "create table " + leaf + " (id bigint primary key, tenant int not null"
                    + (checkTenant ? " check (tenant = " + i + ")" : "") + ", " + columns + ")");
            partitions.add("create foreign table " + leaf + " partition of " + table + " for values in (" + i
                    + ") server shard" + i + " options (table_name '" + leaf + "')");
        }
        execute(coordinator, partitions.toArray(String[]::new));
    }

    /**
     * Stops one shard, for a test of a shard that is down; the coordinator and the other shards keep running.
     *
     * @param number the shard's number, from 1
     * @throws IllegalStateException if the script fails
     */
    public void stopShard(int number) {
        ClusterScript.run(SCRIPT, "stop-shard", Integer.toString(number));
    }

    /**
     * Starts one shard again after {@link #stopShard(int)}.
     *
     * @param number the shard's number, from 1
     * @throws IllegalStateException if the script fails
     */
    public void startShard(int number) {
        ClusterScript.run(SCRIPT, "start-shard", Integer.toString(number));
    }

    /**
     * Stops the coordinator and every shard at {@code SHARDS_PORT}, whether or not {@link #start()} returned; for an
     * {@code @AfterAll}, so that a start that failed half-way leaves nothing running either.
     *
     * @throws IllegalStateException if the script fails
     */
    public static void stop() {
        ClusterScript.run(SCRIPT, "stop");
    }

    /**
     * Runs SQL statements, each on its own, in one autocommit connection to a cluster.
     *
     * @param url the cluster's JDBC URL
     * @param statements the statements, run in order
     * @throws SQLException if one fails; the ones before it stay done
     */
    public static void execute(String url, String... statements) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /**
     * The first column of a query's first row as a {@code long}, e.g. a {@code count(*)}.
     *
     * @param url the cluster's JDBC URL
     * @param sql the query
     * @return the value ({@code 0} for SQL NULL)
     * @throws SQLException if the query fails or returns no row
     */
    public static long queryLong(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            requireRow(rs, sql);
            return rs.getLong(1);
        }
    }

    /**
     * The first column of a query's first row as a string.
     *
     * @param url the cluster's JDBC URL
     * @param sql the query
     * @return the value, {@code null} for SQL NULL or when the query returns no row
     * @throws SQLException if the query fails
     */
    public static String queryString(String url, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    /**
     * A non-pooling DataSource on a cluster, e.g. for an index build on each shard.
     *
     * @param url the cluster's JDBC URL
     * @return a new DataSource on it
     */
    public static DataSource dataSource(String url) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(url);
        return dataSource;
    }

    private static void requireRow(ResultSet rs, String sql) throws SQLException {
        if (!rs.next()) {
            throw new SQLException("no row from: " + sql);
        }
    }
}
