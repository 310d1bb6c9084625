package io.junction.server.compatibility;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Flyway 10 migrate, validate and info directly and through Junction: it must recognise PostgreSQL and
 * MariaDB (never "Unsupported Database") and do the same thing on both paths.
 */
class FlywayCompatibilityTest {
    @ParameterizedTest
    @ValueSource(strings = {Databases.POSTGRESQL, Databases.MARIADB})
    void migrateValidateAndInfoAsOnADirectConnection(String kind) throws Exception {
        List<String> direct = scenario(kind, DataSources.of(kind, false), "direct");
        List<String> junction = scenario(kind, DataSources.of(kind, true), "junction");
        assertThat(junction).isEqualTo(direct);
    }

    /** Migrates a schema of its own (a database on MariaDB), which Flyway creates. */
    private static List<String> scenario(String kind, DataSource dataSource, String run) {
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        String schema = "j3_fw_" + run;
        jdbc.execute(kind.equals(Databases.POSTGRESQL) ? "DROP SCHEMA IF EXISTS " + schema + " CASCADE"
                : "DROP DATABASE IF EXISTS " + schema);
        Flyway flyway = Flyway.configure()
                .dataSource(dataSource)
                .schemas(schema)
                .createSchemas(true)
                .locations("classpath:j3/flyway")
                .table("j3_fw_history_" + run)
                .placeholders(Map.of("run", run))
                .load();
        List<String> seen = new ArrayList<>();
        MigrateResult result = flyway.migrate();
        seen.add("database: " + result.database);
        seen.add("executed: " + result.migrationsExecuted + ", target " + result.targetSchemaVersion);
        flyway.validate();
        for (MigrationInfo info : flyway.info().all()) {
            seen.add(info.getVersion() + " " + info.getDescription() + " " + info.getState() + " "
                    + info.getChecksum());
        }
        seen.add("second migrate: " + flyway.migrate().migrationsExecuted);
        seen.add("rows: " + jdbc.queryForList("SELECT id, name, price FROM " + schema + ".j3_fw_item_" + run
                + " ORDER BY id"));
        return seen.stream().map(line -> line.replace(run, "RUN")).toList();
    }
}
