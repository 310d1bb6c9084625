package io.junction.federation;

import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.SchemaPlus;

import java.util.List;

/**
 * A cross-source query planned and compiled once, run any number of times (the plan cache holds
 * these). {@link #explain()} shows the physical plan and the SQL each source receives.
 */
public record CompiledQuery(Bindable<Object> bindable, SchemaPlus root, List<FederatedColumn> columns,
                            int[] fields, List<FederatedParameter> parameters, List<String> explain,
                            long planningNanos) {
    /**
     * @param fields     for each result column, its position in the plan's rows (which may carry sort keys)
     * @param parameters the query's {@code ?}s in order, typed; values are bound at each execution
     */
    public CompiledQuery {
        fields = fields.clone();
        parameters = List.copyOf(parameters);
    }
}
