package io.junction.federation;

import org.apache.calcite.sql.dialect.MysqlSqlDialect;

/**
 * MySQL's dialect as federation reads MariaDB with it: dates and timestamps are read as their
 * wall-clock values, like every other source's. Calcite's MySQL dialect asks for the SHIFT calendar
 * policy, which moves each DATETIME by the gateway JVM's offset from the query's (UTC) zone: a
 * MariaDB {@code 02:30} came back as {@code 08:30} on a gateway in UTC-6, and DATEs slip a day east
 * of Greenwich (FIELD-NOTES §4).
 */
final class MariaDbDialect extends MysqlSqlDialect {
    static final MariaDbDialect INSTANCE = new MariaDbDialect();

    private MariaDbDialect() {
        super(MysqlSqlDialect.DEFAULT_CONTEXT);
    }

    @Override
    public CalendarPolicy getCalendarPolicy() {
        return CalendarPolicy.NULL;
    }
}
