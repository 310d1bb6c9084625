package io.junction.federation;

import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.schema.SchemaPlus;

import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What one execution of generated code reads: the schemas, the plan's stashed values, the bound
 * parameters ({@link ParameterValues}), the clock.
 */
final class QueryContext implements DataContext {
    private static final JavaTypeFactory TYPE_FACTORY = new JavaTypeFactoryImpl();

    private final SchemaPlus root;
    private final Map<String, Object> stash;
    private final Map<String, Object> parameters;
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final long now = System.currentTimeMillis();

    QueryContext(SchemaPlus root, Map<String, Object> stash, Map<String, Object> parameters) {
        this.root = root;
        this.stash = stash;
        this.parameters = parameters;
    }

    void cancel() {
        cancelled.set(true);
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
