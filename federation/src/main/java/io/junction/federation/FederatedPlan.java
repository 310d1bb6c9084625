package io.junction.federation;

import java.util.List;

/**
 * What federation decided for one query. The tables are those of the validated query, for a
 * result cache's keys and invalidation (the hook for federated SELECTs).
 */
public sealed interface FederatedPlan {
    List<ResolvedTable> tables();

    /** Every table lives in one source: send it {@link #sql()}, its own dialect, whole. */
    record SingleSource(FederatedSource source, String sql, List<ResolvedTable> tables) implements FederatedPlan {
    }

    /** Tables from several sources: run by federation ({@link Federation#execute}). */
    record CrossSource(CompiledQuery query, List<ResolvedTable> tables) implements FederatedPlan {
    }

    /** {@code EXPLAIN <query>}: the plan as lines of text, with the SQL each source receives. */
    record Explain(List<String> lines, List<ResolvedTable> tables) implements FederatedPlan {
    }
}
