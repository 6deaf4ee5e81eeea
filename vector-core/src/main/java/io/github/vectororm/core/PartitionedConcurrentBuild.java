package io.github.vectororm.core;

import io.github.vectororm.core.IndexBuilder.Progress;
import io.github.vectororm.core.internal.Identifiers;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A {@code concurrently()} declaration on a partitioned table, which PostgreSQL refuses to {@code CREATE INDEX
 * CONCURRENTLY}: the index {@code ON ONLY} the parent (invalid at first), each partition's index built concurrently
 * and attached to it, and the parent checked valid at the end. Partitions whose index is already attached are
 * skipped, so a rerun after a failure continues where it stopped.
 */
final class PartitionedConcurrentBuild {

    private final IndexBuildSettings settings;
    private final WatchedStatement statement;

    PartitionedConcurrentBuild(IndexBuildSettings settings, WatchedStatement statement) {
        this.settings = settings;
        this.statement = statement;
    }

    IndexBuilder.Result build(Connection build, Connection watch, IndexDefinition index, Consumer<Progress> progress,
            long start) throws SQLException {
        String parentIndex = IndexCatalog.indexName(index);
        List<IndexCatalog.Partition> partitions = IndexCatalog.partitions(build, index);
        int total = partitions.size();
        int pid = IndexProgressReporter.backendPid(build);
        List<String> attached = settings.during(build, () -> buildAndAttach(build, watch, pid, index, partitions, progress));
        if (!Boolean.TRUE.equals(InvalidIndexes.validity(watch, parentIndex))) {
            throw new SQLException("index build of " + index.name() + ": the parent index " + parentIndex + " on "
                    + index.table() + " is not valid (pg_index.indisvalid) after attaching the indexes of all " + total
                    + " partitions " + attached + "; a partition may have been added meanwhile: run the build again");
        }
        List<IndexBuilder.PartitionIndex> partitionIndexes = IndexCatalog.partitionIndexes(watch, index);
        progress.accept(new Progress("done", 0, 0, 0, 0, total, total, true));
        return new IndexBuilder.Result(index.name(), IndexCatalog.sizeBytes(watch, index),
                Duration.ofNanos(System.nanoTime() - start), partitionIndexes);
    }

    /** @return the partitions whose index is attached to the parent index, all of them unless it throws */
    private List<String> buildAndAttach(Connection build, Connection watch, int pid, IndexDefinition index,
            List<IndexCatalog.Partition> partitions, Consumer<Progress> progress) throws SQLException {
        String parentIndex = IndexCatalog.indexName(index);
        int total = partitions.size();
        List<String> attached = new ArrayList<>();
        IndexCatalog.execute(build, index.createOnOnlySql());
        for (IndexCatalog.Partition partition : partitions) {
            if (IndexCatalog.hasAttachedIndex(build, parentIndex, partition)) {
                attached.add(partition.display());
                progress.accept(new Progress("partition index already attached", 0, 0, 0, 0, attached.size(), total, false));
                continue;
            }
            IndexDefinition own = index.on(partition.qualifiedName(),
                    IndexNames.joined(partition.name(), Identifiers.bareName(index.name())));
            String ownIndex = IndexCatalog.indexName(own);
            boolean existed = InvalidIndexes.clearLeftover(build, own);
            try {
                statement.run(build, watch, pid, own.createSql(), own.name(), progress, attached.size(), total);
            } catch (WatchedStatement.Cancelled e) {
                if (!existed) {
                    InvalidIndexes.dropAfterFailure(watch, own, e); // the cancelled statement has ended by now
                }
                throw e;
            } catch (SQLException e) {
                if (!existed) {
                    InvalidIndexes.dropAfterFailure(watch, own, e);
                }
                throw new SQLException("index build of " + index.name() + ": the concurrent build of " + ownIndex
                        + " on partition " + partition.display() + " failed (" + e.getMessage() + "); its invalid index"
                        + " was dropped; " + (attached.isEmpty() ? "no partition's index is attached yet"
                                : "the indexes of " + attached + " stay attached")
                        + ", and the parent index " + parentIndex + " stays invalid until every partition's index is"
                        + " attached: run the build again to continue (IF NOT EXISTS keeps what exists)",
                        e.getSQLState(), e);
            }
            IndexCatalog.execute(build, "ALTER INDEX " + parentIndex + " ATTACH PARTITION " + ownIndex);
            attached.add(partition.display());
            progress.accept(new Progress("partition index attached", 0, 0, 0, 0, attached.size(), total, false));
        }
        return attached;
    }
}
