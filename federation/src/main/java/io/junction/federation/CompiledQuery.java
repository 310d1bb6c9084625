package io.junction.federation;

import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.SchemaPlus;

import java.util.List;

/**
 * A cross-source query planned and compiled once, run any number of times (the plan cache holds
 * these). {@link #explain()} shows the physical plan and the SQL each source receives.
 */
public record CompiledQuery(Bindable<Object> bindable, SchemaPlus root, List<FederatedColumn> columns,
                            List<String> explain, long planningNanos) {
}
