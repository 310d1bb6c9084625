package io.junction.federation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.tools.Frameworks;

import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The federated catalog: every source a catalog, its schemas and tables under it. A query whose
 * tables all live in one source goes to that source whole ({@link FederatedPlan.SingleSource});
 * only a query spanning sources is planned by Calcite ({@link FederatedPlan.CrossSource}),
 * compiled once per SQL text, user's sources and catalog version, and run by {@link #execute}.
 * Users see only the sources they were granted: another source is reported exactly like one that
 * does not exist.
 */
public final class Federation {
    private static final Pattern EXPLAIN = Pattern.compile("^\\s*EXPLAIN\\s+(PLAN\\s+FOR\\s+)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TRAILING_SEMICOLONS = Pattern.compile("[\\s;]+$");
    /** Threads reading sources ahead, for all queries together; when none is free, a statement is read in line. */
    static final int READER_THREADS = 8;
    private static final AtomicInteger READER_IDS = new AtomicInteger();

    private record Catalog(SourceCatalog names, SourceSchema schema) {
    }

    private record PlanKey(String sql, Set<String> sources, List<Long> versions) {
    }

    private final Map<String, Catalog> catalogs = new LinkedHashMap<>();
    private final List<SourceSqlListener> listeners = new CopyOnWriteArrayList<>();
    private final Cache<PlanKey, CompiledQuery> plans;
    private final CrossSourcePlanner planner = new CrossSourcePlanner();
    /** Reads source statements ahead for every query of this catalog, on at most {@value #READER_THREADS} threads. */
    private final ThreadPoolExecutor readers = new ThreadPoolExecutor(0, READER_THREADS, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), Federation::readerThread);
    private final FederationSettings settings;
    private final LongConsumer planningNanos;

    /**
     * @param planningNanos told the planning time of every cross-source query compiled (a metric)
     */
    public Federation(List<FederatedSource> sources, FederationSettings settings, LongConsumer planningNanos) {
        this.settings = settings;
        this.planningNanos = planningNanos;
        this.plans = Caffeine.newBuilder().maximumSize(settings.planCacheSize()).build();
        TableStatistics statistics = new TableStatistics(settings.statisticsTtl(), sources);
        for (FederatedSource source : sources) {
            FederatedSource streaming = new FederatedSource(source.name(), source.kind(),
                    new StreamingDataSource(source, listeners));
            SourceConvention convention = new SourceConvention(source.kind(),
                    Schemas.subSchemaExpression(Frameworks.createRootSchema(false), source.name(), JdbcSchema.class),
                    source.name());
            SourceCatalog names = new SourceCatalog(streaming, settings.catalogTtl(), Clock.systemUTC());
            catalogs.put(source.name(), new Catalog(names, new SourceSchema(names, convention, statistics)));
        }
    }

    public void addListener(SourceSqlListener listener) {
        listeners.add(listener);
    }

    /** Plans {@code sql} for a user granted {@code grantedSources}. */
    public FederatedPlan plan(Set<String> grantedSources, String sql) throws SQLException {
        String text = TRAILING_SEMICOLONS.matcher(sql).replaceAll("");
        Matcher explain = EXPLAIN.matcher(text);
        boolean explaining = explain.find();
        if (explaining) {
            text = text.substring(explain.end());
        }
        SqlNode query = parse(text);
        Map<String, Catalog> visible = visible(grantedSources);
        List<ResolvedTable> tables = new ArrayList<>();
        for (SqlIdentifier written : TableReferences.of(query)) {
            tables.add(resolve(written, visible));
        }
        Set<String> sources = new LinkedHashSet<>();
        tables.forEach(t -> sources.add(t.source().name()));
        if (sources.size() == 1) {
            FederatedSource source = tables.get(0).source();
            String nativeSql = NameRewriter.rewrite(text, tables, ResolvedTable::nativeName);
            return explaining
                    ? new FederatedPlan.Explain(List.of("single source " + source.name() + ": " + nativeSql), tables)
                    : new FederatedPlan.SingleSource(source, nativeSql, List.copyOf(tables));
        }
        CompiledQuery compiled = compile(NameRewriter.rewrite(text, tables, ResolvedTable::federatedName), visible);
        return explaining ? new FederatedPlan.Explain(compiled.explain(), tables)
                : new FederatedPlan.CrossSource(compiled, List.copyOf(tables));
    }

    /** Starts a compiled cross-source query without parameters; its rows stream as they are pulled. */
    public FederatedRows execute(CompiledQuery query) throws SQLException {
        return execute(query, List.of());
    }

    /**
     * Starts a compiled cross-source query with a value for each of its {@code ?}s (see
     * {@link ParameterValues} for the forms accepted): 07001 when the count differs, 22023 for a
     * value that is not of the parameter's type.
     */
    public FederatedRows execute(CompiledQuery query, List<Object> parameterValues) throws SQLException {
        CrossSourcePlanner.StashedBindable bindable = (CrossSourcePlanner.StashedBindable) query.bindable();
        MemoryBudget budget = new MemoryBudget(settings.queryMemoryBytes());
        QueryContext context = new QueryContext(query.root(), bindable.stash(),
                ParameterValues.bind(query.parameters(), parameterValues), budget, readers);
        try (MemoryBudget.AutoCloseableNoThrow ignored = budget.enter()) {
            Enumerator<Object> enumerator = bindable.bind(context).enumerator();
            return new FederatedRows(query.columns(), query.fields(), enumerator, budget, context);
        } catch (RuntimeException e) {
            throw asSqlException(e);
        }
    }

    /** The sources of the federated catalog a user may see, in configuration order. */
    public List<String> catalogNames(Set<String> grantedSources) {
        return List.copyOf(visible(grantedSources).keySet());
    }

    /** The schemas of each source the user may see (MariaDB's databases), by source, from the cached names. */
    public Map<String, Set<String>> schemas(Set<String> grantedSources) throws SQLException {
        Map<String, Set<String>> schemas = new LinkedHashMap<>();
        for (Map.Entry<String, Catalog> entry : visible(grantedSources).entrySet()) {
            schemas.put(entry.getKey(), entry.getValue().names().snapshot().tablesBySchema().keySet());
        }
        return schemas;
    }

    /** The tables of each schema of each source the user may see, by source and schema, from the cached names. */
    public Map<String, Map<String, Set<String>>> tables(Set<String> grantedSources) throws SQLException {
        Map<String, Map<String, Set<String>>> tables = new LinkedHashMap<>();
        for (Map.Entry<String, Catalog> entry : visible(grantedSources).entrySet()) {
            tables.put(entry.getKey(), entry.getValue().names().snapshot().tablesBySchema());
        }
        return tables;
    }

    private CompiledQuery compile(String federatedSql, Map<String, Catalog> visible) throws SQLException {
        List<Long> versions = new ArrayList<>();
        for (Catalog catalog : visible.values()) {
            versions.add(catalog.names().snapshot().version());
        }
        PlanKey key = new PlanKey(federatedSql, new TreeSet<>(visible.keySet()), versions);
        CompiledQuery cached = plans.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        SchemaPlus root = Frameworks.createRootSchema(false);
        visible.forEach((name, catalog) -> root.add(name, catalog.schema()));
        CompiledQuery compiled = planner.compile(root, federatedSql);
        planningNanos.accept(compiled.planningNanos());
        plans.put(key, compiled);
        return compiled;
    }

    private Map<String, Catalog> visible(Set<String> grantedSources) {
        Map<String, Catalog> visible = new LinkedHashMap<>();
        catalogs.forEach((name, catalog) -> {
            if (grantedSources.contains(name)) {
                visible.put(name, catalog);
            }
        });
        return visible;
    }

    private static SqlNode parse(String sql) throws FederationException {
        SqlNode node;
        try {
            node = SqlParser.create(sql, CrossSourcePlanner.PARSER).parseQuery();
        } catch (SqlParseException e) {
            throw new FederationException(FederationException.SYNTAX_ERROR, "The federated catalog could not parse "
                    + "the query: " + e.getMessage(), e);
        }
        if (!node.isA(SqlKind.QUERY)) {
            throw new FederationException(FederationException.NOT_SUPPORTED, "The federated catalog runs queries "
                    + "only; to change data, connect to jdbc:junction://host:port/SOURCE.");
        }
        return node;
    }

    private static ResolvedTable resolve(SqlIdentifier written, Map<String, Catalog> visible) throws SQLException {
        if (written.names.size() != 3) {
            throw notFound(written, visible, "name tables as source.schema.table in the federated catalog");
        }
        Optional<String> sourceName = SourceCatalog.resolve(visible.keySet(), written.names.get(0),
                written.isComponentQuoted(0));
        if (sourceName.isEmpty()) {
            throw notFound(written, visible, "no such source");
        }
        SourceCatalog names = visible.get(sourceName.get()).names();
        Optional<String> schema = names.resolveSchema(written.names.get(1), written.isComponentQuoted(1));
        if (schema.isEmpty()) {
            throw notFound(written, visible, "no such schema in source '" + sourceName.get() + "'");
        }
        Optional<String> table = names.resolveTable(schema.get(), written.names.get(2), written.isComponentQuoted(2));
        if (table.isEmpty()) {
            throw notFound(written, visible, "no such table in " + sourceName.get() + "." + schema.get());
        }
        return new ResolvedTable(names.source(), schema.get(), table.get(), written);
    }

    private static FederationException notFound(SqlIdentifier written, Map<String, Catalog> visible, String why) {
        return new FederationException(FederationException.UNDEFINED_TABLE, "Table '" + written
                + "' does not exist (" + why + "). Sources you may use: " + visible.keySet()
                + "; unquoted names match in any case, quoted names exactly.");
    }

    private static Thread readerThread(Runnable task) {
        Thread thread = new Thread(task, "junction-federation-reader-" + READER_IDS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    }

    /** The most telling SQLException in a failure of generated code: ours, else the source's. */
    static SQLException asSqlException(Throwable failure) {
        SQLException upstream = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof FederationException federation) {
                return federation;
            }
            if (upstream == null && t instanceof SQLException sql) {
                upstream = sql;
            }
        }
        return upstream != null ? upstream : new FederationException(FederationException.INTERNAL,
                "Federated query failed: " + failure, failure);
    }
}
