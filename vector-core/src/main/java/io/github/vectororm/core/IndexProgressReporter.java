package io.github.vectororm.core;

import io.github.vectororm.core.IndexBuilder.Progress;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * Reads one build's row of {@code pg_stat_progress_create_index} on the watch connection and hands each change to
 * the callback, counts made {@linkplain #monotonic(Progress, Progress) never to fall within a phase}. On the
 * {@code ON ONLY} route the builder counts the partitions itself and they replace the server's.
 */
final class IndexProgressReporter {

    private final Connection watch;
    private final int pid;
    private final Consumer<Progress> sink;
    private final long partitionsDone;
    private final long partitionsTotal;
    private Progress last;

    /**
     * @param partitionsDone partitions done, counted by the builder, or -1 to report the server's count
     * @param partitionsTotal partitions to build, counted by the builder, or -1 to report the server's count
     */
    IndexProgressReporter(Connection watch, int pid, Consumer<Progress> sink, long partitionsDone, long partitionsTotal) {
        this.watch = watch;
        this.pid = pid;
        this.sink = sink;
        this.partitionsDone = partitionsDone;
        this.partitionsTotal = partitionsTotal;
    }

    /** The backend whose build is watched: the build connection's. */
    static int backendPid(Connection build) throws SQLException {
        try (Statement s = build.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Polls once and reports the progress if it changed since the last report. */
    void poll() throws SQLException {
        Progress now = monotonic(last, read());
        if (now != null && partitionsTotal >= 0) {
            now = new Progress(now.phase(), now.blocksDone(), now.blocksTotal(), now.tuplesDone(), now.tuplesTotal(),
                    partitionsDone, partitionsTotal, false);
        }
        if (now != null && !now.equals(last)) {
            sink.accept(now);
            last = now;
        }
    }

    private Progress read() throws SQLException {
        try (PreparedStatement statement = watch.prepareStatement("SELECT phase, blocks_done, blocks_total, tuples_done,"
                + " tuples_total, partitions_done, partitions_total FROM pg_stat_progress_create_index WHERE pid = ?")) {
            statement.setInt(1, pid);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? new Progress(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
                        rs.getLong(6), rs.getLong(7), false) : null;
            }
        }
    }

    /**
     * Makes blocks and tuples done never fall within one phase. PostgreSQL's heap scan progress
     * ({@code heapam_scan_get_blocks_done}) reports {@code blocks_done = blocks_total} while the scan is still on its
     * first block (its current block equals its start block, which it counts as a full wrap-around), then 1, 2, ...:
     * a raw poll at that moment reads the phase as complete and the next one jumps back. A raw {@code blocks_done}
     * equal to {@code blocks_total} is therefore not taken until the phase ends (the previous value stays), and
     * within a phase no count is reported below one reported before.
     */
    static Progress monotonic(Progress last, Progress now) {
        if (now == null) {
            return null;
        }
        boolean samePhase = last != null && last.phase().equals(now.phase()) && !last.done();
        long previousBlocks = samePhase ? last.blocksDone() : 0;
        long blocks = now.blocksTotal() > 0 && now.blocksDone() >= now.blocksTotal() ? previousBlocks
                : Math.max(previousBlocks, now.blocksDone());
        long tuples = samePhase ? Math.max(last.tuplesDone(), now.tuplesDone()) : now.tuplesDone();
        return new Progress(now.phase(), blocks, now.blocksTotal(), tuples, now.tuplesTotal(), now.partitionsDone(),
                now.partitionsTotal(), now.done());
    }
}
