package io.junction.server.compatibility;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigDecimal;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * jOOQ 3.19 directly and through Junction, against PostgreSQL and MariaDB: DDL, DSL inserts and queries,
 * window functions and batches.
 */
class JooqCompatibilityTest {
    private static final Table<Record> SALE = DSL.table(DSL.name("j3_jq_sale"));
    private static final Field<Integer> ID = DSL.field(DSL.name("id"), SQLDataType.INTEGER);
    private static final Field<String> REGION = DSL.field(DSL.name("region"), SQLDataType.VARCHAR(20));
    private static final Field<BigDecimal> AMOUNT = DSL.field(DSL.name("amount"), SQLDataType.DECIMAL(10, 2));

    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void jooqBehavesAsOnADirectConnection(String kind) throws Exception {
        SQLDialect dialect = kind.equals(Databases.POSTGRESQL) ? SQLDialect.POSTGRES : SQLDialect.MARIADB;
        List<String> direct;
        try (Connection connection = Databases.direct(kind)) {
            direct = scenario(DSL.using(connection, dialect));
        }
        List<String> junction;
        try (Connection connection = Databases.junction(kind)) {
            junction = scenario(DSL.using(connection, dialect));
        }
        assertThat(junction).isEqualTo(direct);
    }

    private static List<String> scenario(DSLContext dsl) {
        List<String> seen = new ArrayList<>();
        dsl.dropTableIfExists(SALE).execute();
        dsl.createTable(SALE).column(ID).column(REGION).column(AMOUNT)
                .constraints(DSL.primaryKey(ID)).execute();
        seen.add("inserted: " + dsl.insertInto(SALE, ID, REGION, AMOUNT)
                .values(1, "north", new BigDecimal("10.00"))
                .values(2, "north", new BigDecimal("30.50"))
                .values(3, "south", new BigDecimal("20.25"))
                .execute());
        int[] counts = dsl.batch(
                dsl.insertInto(SALE, ID, REGION, AMOUNT).values((Integer) null, null, null))
                .bind(4, "south", new BigDecimal("5.00"))
                .bind(5, "east", new BigDecimal("7.75"))
                .execute();
        seen.add("batch: " + java.util.Arrays.toString(counts));
        Field<Integer> rank = DSL.rowNumber().over(DSL.partitionBy(REGION).orderBy(AMOUNT.desc())).as("rank");
        Field<BigDecimal> regionTotal = DSL.sum(AMOUNT).over(DSL.partitionBy(REGION)).as("region_total");
        for (Record record : dsl.select(ID, REGION, AMOUNT, rank, regionTotal).from(SALE)
                .orderBy(REGION, rank).fetch()) {
            seen.add(record.get(ID) + " " + record.get(REGION) + " " + record.get(AMOUNT) + " #"
                    + record.get(rank) + " of " + record.get(regionTotal).stripTrailingZeros().toPlainString());
        }
        seen.add("grouped: " + dsl.select(REGION, DSL.count()).from(SALE).groupBy(REGION).orderBy(REGION)
                .fetch().map(r -> r.get(REGION) + "=" + r.get(1)));
        dsl.dropTable(SALE).execute();
        return seen;
    }
}
