package io.junction.federation;

import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableInterpretable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.avatica.util.Quoting;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.Bindable;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlConformanceEnum;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.tools.FrameworkConfig;
import org.apache.calcite.tools.Frameworks;
import org.apache.calcite.tools.Planner;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.RelConversionException;
import org.apache.calcite.tools.ValidationException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans and compiles a cross-source query through our own Frameworks pipeline (not
 * {@code jdbc:calcite:}): parse, validate, convert, then the {@link PlanningPhases} (statistics,
 * join order, partial aggregates, Volcano with {@link FederationRules} and each source's
 * {@link SourceConvention}, key shipping, build sides, read-ahead), then code generation.
 */
final class CrossSourcePlanner {
    /** Identifiers keep their case and match case-insensitively; table names arrive already resolved. */
    static final SqlParser.Config PARSER = SqlParser.config()
            .withQuoting(Quoting.DOUBLE_QUOTE)
            .withUnquotedCasing(Casing.UNCHANGED)
            .withQuotedCasing(Casing.UNCHANGED)
            .withCaseSensitive(false)
            .withConformance(SqlConformanceEnum.LENIENT);
    private final Program program = PlanningPhases.program();

    CompiledQuery compile(SchemaPlus root, String sql) throws FederationException {
        long start = System.nanoTime();
        FrameworkConfig config = Frameworks.newConfigBuilder()
                .parserConfig(PARSER)
                .sqlValidatorConfig(SqlValidator.Config.DEFAULT.withConformance(SqlConformanceEnum.LENIENT))
                .defaultSchema(root)
                .programs(program)
                .build();
        Planner planner = Frameworks.getPlanner(config);
        try {
            SqlNode validated = planner.validate(planner.parse(sql));
            RelRoot relRoot = planner.rel(validated);
            List<FederatedParameter> parameters = ParameterTypes.of(validated, relRoot.rel);
            // Planned with every field the ORDER BY needs; the result's columns are picked from it.
            RelNode logical = relRoot.rel;
            RelTraitSet wanted = logical.getTraitSet().replace(EnumerableConvention.INSTANCE)
                    .replace(relRoot.collation).simplify();
            RelNode physical = planner.transform(0, wanted, logical);
            UncomparableColumns.check(physical);
            JavaTypeFactory typeFactory = new JavaTypeFactoryImpl();
            Map<String, Object> stash = new HashMap<>();
            @SuppressWarnings("unchecked")
            Bindable<Object> bindable = EnumerableInterpretable.toBindable(stash, null, (EnumerableRel) physical,
                    EnumerableRel.Prefer.ARRAY);
            List<String> explain = PlanExplainer.explain(physical, typeFactory);
            int[] fields = relRoot.fields.stream().mapToInt(java.util.Map.Entry::getKey).toArray();
            return new CompiledQuery(new StashedBindable(bindable, stash), root, columns(relRoot), fields, parameters,
                    explain, System.nanoTime() - start);
        } catch (org.apache.calcite.sql.parser.SqlParseException e) {
            throw new FederationException(FederationException.SYNTAX_ERROR, "Federation could not parse the query: "
                    + e.getMessage(), e);
        } catch (ValidationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new FederationException(FederationException.SYNTAX_ERROR, "Invalid federated query: "
                    + cause.getMessage(), e);
        } catch (RelConversionException | RuntimeException e) {
            throw new FederationException(FederationException.NOT_SUPPORTED, "Federation cannot plan this query: "
                    + e.getMessage(), e);
        } finally {
            planner.close();
        }
    }

    private static List<FederatedColumn> columns(RelRoot root) {
        List<FederatedColumn> columns = new ArrayList<>();
        List<RelDataTypeField> fields = root.validatedRowType.getFieldList();
        for (int i = 0; i < root.fields.size(); i++) {
            RelDataTypeField field = fields.get(i);
            SqlTypeName type = field.getType().getSqlTypeName();
            columns.add(new FederatedColumn(root.fields.get(i).getValue(), type.getJdbcOrdinal(), type.getName(),
                    field.getType().getPrecision(), Math.max(0, field.getType().getScale()),
                    field.getType().isNullable()));
        }
        return columns;
    }

    /** The generated code reads stashed literals from the DataContext by name; they travel with the plan. */
    record StashedBindable(Bindable<Object> bindable, Map<String, Object> stash) implements Bindable<Object> {
        @Override
        public org.apache.calcite.linq4j.Enumerable<Object> bind(org.apache.calcite.DataContext dataContext) {
            return bindable.bind(dataContext);
        }
    }
}
