package io.junction.federation;

import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.rel.rules.CoreRules;

import java.util.List;

/**
 * The rules cross-source planning runs with. Not Calcite's defaults: no merge join (it sorts
 * both sides, in two collations, and loses rows on text keys — FIELD-NOTES §4) and no sort-based
 * aggregate; hash joins and hash aggregates compare values exactly in federation.
 * Calcite's batch nested-loop join is left out too: its correlated OR chains win every plan and
 * takes seconds to plan (FIELD-NOTES §4); {@link KeyShipping} ships keys instead.
 */
final class FederationRules {
    private FederationRules() {
    }

    static List<RelOptRule> rules() {
        return List.of(
                EnumerableRules.ENUMERABLE_JOIN_RULE,
                EnumerableRules.ENUMERABLE_CORRELATE_RULE,
                EnumerableRules.ENUMERABLE_PROJECT_RULE,
                EnumerableRules.ENUMERABLE_FILTER_RULE,
                EnumerableRules.ENUMERABLE_CALC_RULE,
                EnumerableRules.ENUMERABLE_AGGREGATE_RULE,
                EnumerableRules.ENUMERABLE_SORT_RULE,
                EnumerableRules.ENUMERABLE_LIMIT_RULE,
                EnumerableRules.ENUMERABLE_LIMIT_SORT_RULE,
                EnumerableRules.ENUMERABLE_UNION_RULE,
                EnumerableRules.ENUMERABLE_INTERSECT_RULE,
                EnumerableRules.ENUMERABLE_MINUS_RULE,
                EnumerableRules.ENUMERABLE_VALUES_RULE,
                EnumerableRules.ENUMERABLE_WINDOW_RULE,
                CoreRules.FILTER_INTO_JOIN,
                CoreRules.JOIN_CONDITION_PUSH,
                CoreRules.JOIN_PUSH_EXPRESSIONS,
                CoreRules.FILTER_PROJECT_TRANSPOSE,
                CoreRules.FILTER_MERGE,
                CoreRules.PROJECT_MERGE,
                CoreRules.PROJECT_REMOVE,
                CoreRules.PROJECT_JOIN_TRANSPOSE,
                CoreRules.AGGREGATE_PROJECT_MERGE,
                CoreRules.SORT_PROJECT_TRANSPOSE,
                CoreRules.JOIN_COMMUTE);
    }
}
