package io.junction.federation;

import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.rules.LoptOptimizeJoinRule;
import org.apache.calcite.rel.rules.MultiJoin;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.ImmutableIntList;
import org.apache.calcite.util.mapping.IntPair;

import com.google.common.collect.ImmutableMap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Adds the join keys that equalities imply: from {@code c.nation = s.nation AND s.nation = n.nation},
 * also {@code c.nation = n.nation}. Without it, the join orderer ({@link LoptOptimizeJoinRule}) can
 * only join tables along the edges the query wrote, so in a TPC-H Q5 shape the region filter reaches
 * the customers only through the suppliers of another source, and every order of the year in every
 * region is shipped across; with the implied edge, customer, orders, nation and region join inside
 * their one source before anything crosses (FIELD-NOTES §4: ship the fewest keys).
 *
 * <p>Only equalities between two columns of an all-inner multi-join count, and a key is added only
 * between columns of the same type (nullability aside). The added key is implied by the ones the
 * query wrote, which stay, so no row changes: where a source's collation makes its equality looser
 * than exact (MariaDB's {@code _ci}), the exact conditions still decide.
 */
final class TransitiveJoinKeysRule extends RelRule<RelRule.Config> {
    static final TransitiveJoinKeysRule INSTANCE = new TransitiveJoinKeysRule();

    private TransitiveJoinKeysRule() {
        // The orderer's operand (any MultiJoin), under this rule's own name.
        super(LoptOptimizeJoinRule.Config.DEFAULT.withDescription("TransitiveJoinKeysRule"));
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        MultiJoin join = call.rel(0);
        if (join.isFullOuterJoin() || join.getJoinTypes().stream().anyMatch(type -> type != JoinRelType.INNER)) {
            return;
        }
        JoinFields fields = new JoinFields(join.getInputs());
        List<RexNode> conjuncts = RelOptUtil.conjunctions(join.getJoinFilter());
        List<IntPair> written = new ArrayList<>();
        for (RexNode conjunct : conjuncts) {
            IntPair equality = columnEquality(conjunct);
            if (equality != null) {
                written.add(equality);
            }
        }
        List<IntPair> implied = fields.impliedEqualities(written);
        if (implied.isEmpty()) {
            return;
        }
        RexBuilder rex = join.getCluster().getRexBuilder();
        List<RexNode> filter = new ArrayList<>(conjuncts);
        Map<Integer, int[]> referenceCounts = join.getCopyJoinFieldRefCountsMap();
        for (IntPair pair : implied) {
            filter.add(rex.makeCall(SqlStdOperatorTable.EQUALS, fields.reference(rex, pair.source),
                    fields.reference(rex, pair.target)));
            for (int field : new int[] {pair.source, pair.target}) {
                referenceCounts.get(fields.inputOf(field))[fields.ordinalInInput(field)]++;
            }
        }
        ImmutableMap.Builder<Integer, ImmutableIntList> counts = ImmutableMap.builder();
        referenceCounts.forEach((input, counted) -> counts.put(input, ImmutableIntList.of(counted)));
        call.transformTo(new MultiJoin(join.getCluster(), join.getInputs(), RexUtil.composeConjunction(rex, filter),
                join.getRowType(), false, join.getOuterJoinConditions(), join.getJoinTypes(), join.getProjFields(),
                counts.build(), join.getPostJoinFilter()));
    }

    private static IntPair columnEquality(RexNode conjunct) {
        if (conjunct.getKind() != SqlKind.EQUALS) {
            return null;
        }
        List<RexNode> operands = ((RexCall) conjunct).getOperands();
        if (operands.get(0) instanceof RexInputRef left && operands.get(1) instanceof RexInputRef right) {
            return IntPair.of(left.getIndex(), right.getIndex());
        }
        return null;
    }

    /** The multi-join's fields, numbered across its inputs, and the equivalence classes equalities make of them. */
    private static final class JoinFields {
        private final List<RelDataType> types = new ArrayList<>();
        private final List<Integer> inputs = new ArrayList<>();
        private final List<Integer> ordinals = new ArrayList<>();
        private int[] parent;

        JoinFields(List<RelNode> joinInputs) {
            for (int input = 0; input < joinInputs.size(); input++) {
                List<RelDataType> inputTypes = RelOptUtil.getFieldTypeList(joinInputs.get(input).getRowType());
                for (int ordinal = 0; ordinal < inputTypes.size(); ordinal++) {
                    types.add(inputTypes.get(ordinal));
                    inputs.add(input);
                    ordinals.add(ordinal);
                }
            }
        }

        int inputOf(int field) {
            return inputs.get(field);
        }

        int ordinalInInput(int field) {
            return ordinals.get(field);
        }

        RexNode reference(RexBuilder rex, int field) {
            return rex.makeInputRef(types.get(field), field);
        }

        /**
         * For each pair of inputs that hold members of one equivalence class but no written equality
         * between them, one equality between their first members of that class.
         */
        List<IntPair> impliedEqualities(List<IntPair> written) {
            parent = new int[types.size()];
            for (int i = 0; i < parent.length; i++) {
                parent[i] = i;
            }
            for (IntPair pair : written) {
                parent[root(pair.source)] = root(pair.target);
            }
            Map<Integer, Map<Integer, Integer>> firstMemberByInputByClass = new HashMap<>();
            for (IntPair pair : written) {
                for (int field : new int[] {pair.source, pair.target}) {
                    firstMemberByInputByClass.computeIfAbsent(root(field), k -> new HashMap<>())
                            .merge(inputOf(field), field, Math::min);
                }
            }
            List<IntPair> implied = new ArrayList<>();
            for (Map<Integer, Integer> members : firstMemberByInputByClass.values()) {
                List<Integer> fields = members.values().stream().sorted().toList();
                for (int a = 0; a < fields.size(); a++) {
                    for (int b = a + 1; b < fields.size(); b++) {
                        int left = fields.get(a);
                        int right = fields.get(b);
                        if (!linked(written, left, right) && SqlTypeUtil.equalSansNullability(types.get(left),
                                types.get(right))) {
                            implied.add(IntPair.of(left, right));
                        }
                    }
                }
            }
            return implied;
        }

        /** Whether a written equality of the same class already joins the inputs of these two fields. */
        private boolean linked(List<IntPair> written, int left, int right) {
            for (IntPair pair : written) {
                int a = inputOf(pair.source);
                int b = inputOf(pair.target);
                boolean sameInputs = (a == inputOf(left) && b == inputOf(right))
                        || (a == inputOf(right) && b == inputOf(left));
                if (sameInputs && root(pair.source) == root(left)) {
                    return true;
                }
            }
            return false;
        }

        private int root(int field) {
            while (parent[field] != field) {
                parent[field] = parent[parent[field]];
                field = parent[field];
            }
            return field;
        }
    }
}
