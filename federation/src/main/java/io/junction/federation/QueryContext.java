package io.junction.federation;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one execution of generated code reads: the schemas, the plan's stashed values, the bound
 * parameters ({@link ParameterValues}), the clock, and for its source statements the query's memory
 * budget and the reader threads that read them ahead ({@link ReadAhead}).
 */
final class QueryContext implements DataContext {
    private static final JavaTypeFactory TYPE_FACTORY = new JavaTypeFactoryImpl();

    private final SchemaPlus root;
    private final Map<String, Object> stash;
    private final Map<String, Object> parameters;
    private final MemoryBudget budget;
    private final Executor readers;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final List<Runnable> onClose = new CopyOnWriteArrayList<>();
    private final long now = System.currentTimeMillis();

    QueryContext(SchemaPlus root, Map<String, Object> stash, Map<String, Object> parameters, MemoryBudget budget,
                 Executor readers) {
        this.root = root;
        this.stash = stash;
        this.parameters = parameters;
        this.budget = budget;
        this.readers = readers;
    }

    MemoryBudget budget() {
        return budget;
    }

    Executor readers() {
        return readers;
    }

    /** Runs when the query ends, read to the end or closed early. */
    void onClose(Runnable action) {
        onClose.add(action);
    }

    /** Ends the query: generated code sees the cancel flag, and readers still running stop. */
    void cancel() {
        cancelled.set(true);
        onClose.forEach(Runnable::run);
    }

    @Override
    public SchemaPlus getRootSchema() {
        return root;
    }

    @Override
    public JavaTypeFactory getTypeFactory() {
        return TYPE_FACTORY;
    }

    @Override
    public QueryProvider getQueryProvider() {
        return null;
    }

    @Override
    public Object get(String name) {
        if (stash.containsKey(name)) {
            return stash.get(name);
        }
        if (parameters.containsKey(name)) {
            return parameters.get(name);
        }
        // Federation works in UTC: a source's timestamps are read and shown as their wall-clock values.
        if (Variable.TIME_ZONE.camelName.equals(name)) {
            return TimeZone.getTimeZone("UTC");
        }
        if (Variable.UTC_TIMESTAMP.camelName.equals(name) || Variable.CURRENT_TIMESTAMP.camelName.equals(name)
                || Variable.LOCAL_TIMESTAMP.camelName.equals(name)) {
            return now;
        }
        if (Variable.CANCEL_FLAG.camelName.equals(name)) {
            return cancelled;
        }
        if (Variable.LOCALE.camelName.equals(name)) {
            return Locale.ROOT;
        }
        return null;
    }
}
