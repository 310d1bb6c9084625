package io.junction.federation;

import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;

import java.util.ArrayList;
import java.util.List;

/**
 * The phases a cross-source query goes through after conversion, all estimating with
 * {@link FederationMetadata}: sub-queries removed and decorrelated; unused columns trimmed (so
 * each source is asked only for the columns the query uses); beyond a few joins, the join keys that
 * equalities imply added ({@link TransitiveJoinKeysRule}) and joins ordered by Calcite's heuristic from
 * the sources' statistics; exact partial aggregates moved below
 * cross-source joins ({@link PartialAggregateRule}); Volcano with {@link FederationRules} and
 * each source's pushdown rules, where a join of two tables of one source becomes part of that
 * source's statement; keys shipped ({@link KeyShippingPass}); hash joins building their smaller
 * side ({@link SmallerBuildSide}); parameters named per source ({@link SourceParameters}); sources
 * read ahead in parallel ({@link ReadAheadPass}); calcs.
 */
final class PlanningPhases {
    /** From this many joins, a heuristic orders them (by statistics) before Volcano, which then only converts. */
    static final int HEURISTIC_JOIN_ORDER_FROM = 3;
    /** Bounds the logical rewrites: project pushes and aggregate merges can feed each other. */
    private static final int MATCH_LIMIT = 500;

    private PlanningPhases() {
    }

    static Program program() {
        return Programs.sequence(
                PlanningPhases::installMetadata,
                Programs.subQuery(FederationMetadata.PROVIDER),
                Programs.decorrelate(),
                PlanningPhases::trimUnusedFields,
                PlanningPhases::logicalRewrites,
                PlanningPhases::volcano,
                (planner, rel, traits, materializations, lattices) ->
                        SourceParameters.apply(SmallerBuildSide.apply(KeyShippingPass.apply(rel))),
                (planner, rel, traits, materializations, lattices) -> ReadAheadPass.apply(rel),
                Programs.calc(FederationMetadata.PROVIDER));
    }

    private static RelNode installMetadata(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
                                           List<?> materializations, List<?> lattices) {
        FederationMetadata.install(rel.getCluster());
        return rel;
    }

    private static RelNode trimUnusedFields(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
                                            List<?> materializations, List<?> lattices) {
        return new RelFieldTrimmer(null, RelFactories.LOGICAL_BUILDER.create(rel.getCluster(), null)).trim(rel);
    }

    private static RelNode logicalRewrites(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
                                           List<?> materializations, List<?> lattices) {
        HepProgramBuilder hep = new HepProgramBuilder().addMatchLimit(MATCH_LIMIT);
        if (RelOptUtil.countJoins(rel) >= HEURISTIC_JOIN_ORDER_FROM) {
            hep.addRuleInstance(CoreRules.FILTER_INTO_JOIN)
                    .addMatchOrder(HepMatchOrder.BOTTOM_UP)
                    .addRuleInstance(CoreRules.JOIN_TO_MULTI_JOIN)
                    .addRuleInstance(TransitiveJoinKeysRule.INSTANCE)
                    .addRuleInstance(CoreRules.MULTI_JOIN_OPTIMIZE)
                    .addMatchOrder(HepMatchOrder.DEPTH_FIRST);
        }
        hep.addRuleCollection(List.of(CoreRules.FILTER_INTO_JOIN, CoreRules.AGGREGATE_PROJECT_MERGE,
                CoreRules.PROJECT_JOIN_TRANSPOSE, CoreRules.PROJECT_MERGE, CoreRules.PROJECT_REMOVE,
                new PartialAggregateRule()));
        return Programs.of(hep.build(), false, FederationMetadata.PROVIDER)
                .run(planner, rel, traits, List.of(), List.of());
    }

    private static RelNode volcano(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
                                   List<?> materializations, List<?> lattices) {
        List<RelOptRule> rules = new ArrayList<>(FederationRules.rules());
        if (RelOptUtil.countJoins(rel) >= HEURISTIC_JOIN_ORDER_FROM) {
            // Joins are ordered already; commuting them in Volcano would search every order again.
            rules.remove(CoreRules.JOIN_COMMUTE);
        }
        return Programs.ofRules(rules).run(planner, rel, traits, List.of(), List.of());
    }
}
