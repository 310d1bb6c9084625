package io.junction.federation;

/** Told each statement federation sends to a source (tests assert pushdown with it; EXPLAIN shows the same). */
@FunctionalInterface
public interface SourceSqlListener {
    void sent(String source, String sql);
}
