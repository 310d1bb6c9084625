package io.junction.server.session;

import io.junction.server.upstream.Dialect;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The lexer's verdicts on statement texts: tracked, pinned (with which reason), or no session state. */
class StateStatementsTest {
    private static StateEffect pg(String sql) {
        return StateStatements.classify(sql, Dialect.POSTGRESQL);
    }

    private static StateEffect maria(String sql) {
        return StateStatements.classify(sql, Dialect.MARIADB);
    }

    @Test
    void postgresSet_ofWhitelistedParameter_isTracked() {
        assertThat(pg("SET TimeZone = 'UTC'").tracked()).containsExactly("timezone");
        assertThat(pg("set session search_path to a, b").tracked()).containsExactly("search_path");
        assertThat(pg("SET TIME ZONE 'Europe/Paris'").tracked()).containsExactly("timezone");
        assertThat(pg("/* c */ SET statement_timeout = 5").tracked()).containsExactly("statement_timeout");
        assertThat(pg("SELECT set_config('search_path', 'x', false)").tracked()).containsExactly("search_path");
        assertThat(pg("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY").tracked())
                .contains("default_transaction_read_only");
    }

    @Test
    void postgresReturnToDefaults_resetsInsteadOfTracking() {
        assertThat(pg("RESET lock_timeout").resets()).containsExactly("lock_timeout");
        assertThat(pg("RESET lock_timeout").tracked()).isEmpty();
        assertThat(pg("RESET ALL").resets()).isEqualTo(StateStatements.POSTGRES_TRACKED);
        assertThat(pg("RESET ALL").tracked()).isEmpty();
        assertThat(pg("DISCARD ALL").resets()).isEqualTo(StateStatements.POSTGRES_TRACKED);
        assertThat(pg("RESET TIME ZONE").resets()).containsExactly("timezone");
        assertThat(pg("SET TIME ZONE LOCAL").resets()).containsExactly("timezone");
        assertThat(pg("SET search_path TO DEFAULT").resets()).containsExactly("search_path");
        assertThat(pg("set session statement_timeout = default").resets()).containsExactly("statement_timeout");
        // An untracked parameter back at its default leaves nothing to pin for.
        assertThat(pg("SET work_mem TO DEFAULT").isNone()).isTrue();
        assertThat(pg("RESET work_mem").isNone()).isTrue();
        assertThat(pg("DISCARD PLANS").isNone()).isTrue();
        // Still a value: tracked.
        assertThat(pg("SET search_path TO default_schema").tracked()).containsExactly("search_path");
        assertThat(pg("SET TimeZone = 'UTC'; RESET TimeZone").resets()).containsExactly("timezone");
    }

    @Test
    void postgresTransactionScopedState_isNone() {
        assertThat(pg("SET LOCAL work_mem = '1MB'").isNone()).isTrue();
        assertThat(pg("SET LOCAL ROLE admin").isNone()).isTrue();
        assertThat(pg("SET TRANSACTION READ ONLY").isNone()).isTrue();
        assertThat(pg("SET transaction_read_only = on").isNone()).isTrue();
        assertThat(pg("SELECT set_config('work_mem', '1MB', true)").isNone()).isTrue();
        assertThat(pg("SELECT pg_advisory_xact_lock(1)").isNone()).isTrue();
        assertThat(pg("CREATE TEMP TABLE t (x int) ON COMMIT DROP").isNone()).isTrue();
        assertThat(pg("SELECT 'SET ROLE x', 'pg_advisory_lock(1)'").isNone()).isTrue();
        assertThat(pg("DECLARE c CURSOR FOR SELECT 1").isNone()).isTrue();
    }

    @Test
    void postgresLocalSetOfTrackedParameter_isFollowedUntilTheTransactionEnds() {
        assertThat(pg("SET LOCAL TimeZone = 'UTC'").local()).containsExactly("timezone");
        assertThat(pg("SET LOCAL search_path TO DEFAULT").local()).containsExactly("search_path");
        assertThat(pg("set local schema 'x'").local()).containsExactly("search_path");
        assertThat(pg("SELECT set_config('search_path', 'x', true)").local()).containsExactly("search_path");
        assertThat(pg("SET LOCAL TimeZone = 'UTC'").tracked()).isEmpty();
        assertThat(pg("SET LOCAL TimeZone = 'UTC'").pin()).isNull();
    }

    @Test
    void postgresTransactionIsolation_isReadWhereItMaySetIt() {
        assertThat(pg("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE").transactionIsolation()).isTrue();
        assertThat(pg("SET SESSION transaction_isolation = 'repeatable read'").transactionIsolation()).isTrue();
        assertThat(pg("BEGIN ISOLATION LEVEL REPEATABLE READ").transactionIsolation()).isTrue();
        assertThat(pg("BEGIN ISOLATION LEVEL REPEATABLE READ").transaction()).isEqualTo(StateEffect.Transaction.BEGIN);
        assertThat(pg("BEGIN").transactionIsolation()).isFalse();
        assertThat(pg("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE").tracked())
                .contains("default_transaction_isolation");
        assertThat(pg("SET default_transaction_isolation = 'serializable'").tracked())
                .containsExactly("default_transaction_isolation");
    }

    @Test
    void postgresUntrackableState_pinsWithItsReason() {
        assertThat(pg("CREATE TEMPORARY TABLE t (x int)").pin()).isEqualTo(PinReason.TEMP_TABLE);
        assertThat(pg("create global temp table t (x int)").pin()).isEqualTo(PinReason.TEMP_TABLE);
        assertThat(pg("SELECT pg_try_advisory_lock(1)").pin()).isEqualTo(PinReason.ADVISORY_LOCK);
        assertThat(pg("LISTEN ch").pin()).isEqualTo(PinReason.LISTEN);
        assertThat(pg("PREPARE p AS SELECT 1").pin()).isEqualTo(PinReason.SQL_PREPARE);
        assertThat(pg("DECLARE c CURSOR WITH HOLD FOR SELECT 1").pin()).isEqualTo(PinReason.WITH_HOLD_CURSOR);
        assertThat(pg("SET work_mem = '1MB'").pin()).isEqualTo(PinReason.UNTRACKED_SET);
        assertThat(pg("SET myapp.tenant = '7'").pinDetail()).isEqualTo("myapp.tenant");
        assertThat(pg("SELECT set_config(name, 'v', false) FROM t").pin()).isEqualTo(PinReason.UNTRACKED_SET);
        assertThat(pg("SET ROLE admin").pin()).isEqualTo(PinReason.SET_ROLE);
        assertThat(pg("SET SESSION AUTHORIZATION bob").pin()).isEqualTo(PinReason.SET_ROLE);
        assertThat(pg("SELECT 1; LISTEN ch").pin()).isEqualTo(PinReason.LISTEN);
    }

    @Test
    void sqlTransactionControl_isRecognised() {
        assertThat(pg("BEGIN").transaction()).isEqualTo(StateEffect.Transaction.BEGIN);
        assertThat(pg("start transaction isolation level serializable").transaction())
                .isEqualTo(StateEffect.Transaction.BEGIN);
        assertThat(pg("COMMIT").transaction()).isEqualTo(StateEffect.Transaction.END);
        assertThat(pg("ROLLBACK TO SAVEPOINT s").savepointRollback()).isTrue();
        assertThat(pg("rollback transaction to s").savepointRollback()).isTrue();
        assertThat(pg("ROLLBACK TO SAVEPOINT s").transaction()).isEqualTo(StateEffect.Transaction.NONE);
        assertThat(maria("ROLLBACK TO SAVEPOINT s").isNone()).isTrue();
        assertThat(maria("ROLLBACK").transaction()).isEqualTo(StateEffect.Transaction.END);
    }

    @Test
    void mariadbSetToDefault_resetsInsteadOfTracking() {
        assertThat(maria("SET time_zone = DEFAULT").resets()).containsExactly("time_zone");
        assertThat(maria("SET time_zone = DEFAULT").tracked()).isEmpty();
        assertThat(maria("SET SESSION sql_mode = DEFAULT, @@session.max_statement_time = DEFAULT").resets())
                .containsExactlyInAnyOrder("sql_mode", "max_statement_time");
        assertThat(maria("SET time_zone = '+01:00'").resets()).isEmpty();
    }

    @Test
    void mariadbSet_ofWhitelistedVariables_isTracked() {
        assertThat(maria("SET time_zone = '+00:00', SESSION sql_mode = 'ANSI'").tracked())
                .isEqualTo(Set.of("time_zone", "sql_mode"));
        assertThat(maria("SET @@session.max_statement_time = 3").tracked()).containsExactly("max_statement_time");
        assertThat(maria("SET NAMES utf8mb4 COLLATE utf8mb4_bin").tracked()).contains("collation_connection");
        assertThat(maria("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED").tracked())
                .contains("tx_isolation");
        assertThat(maria("SET autocommit = 0").autoCommit()).isTrue();
        assertThat(maria("USE other").catalog()).isTrue();
        assertThat(maria("SET GLOBAL sql_mode = ''").isNone()).isTrue();
        assertThat(maria("SET STATEMENT max_statement_time = 1 FOR SELECT 1").isNone()).isTrue();
    }

    @Test
    void mariadbTransactionCharacteristics_trackOneNameAndForgetItsAlias() {
        StateEffect session = maria("SET SESSION TRANSACTION ISOLATION LEVEL SERIALIZABLE");
        assertThat(session.tracked()).containsExactlyInAnyOrder("tx_isolation", "tx_read_only");
        assertThat(session.resets()).containsExactlyInAnyOrder("transaction_isolation", "transaction_read_only");
        StateEffect alias = maria("SET SESSION transaction_isolation = 'READ-COMMITTED'");
        assertThat(alias.tracked()).containsExactly("transaction_isolation");
        assertThat(alias.resets()).containsExactly("tx_isolation");
        assertThat(maria("SET @@tx_read_only = 1").tracked()).containsExactly("tx_read_only");
        assertThat(maria("SET @@tx_read_only = 1").resets()).containsExactly("transaction_read_only");
        assertThat(maria("SET tx_isolation = DEFAULT").resets())
                .containsExactlyInAnyOrder("tx_isolation", "transaction_isolation");
    }

    @Test
    void mariadbUntrackableState_pinsWithItsReason() {
        assertThat(maria("SET @x = 1").pin()).isEqualTo(PinReason.USER_VARIABLE);
        assertThat(maria("SELECT @x := 1").pin()).isEqualTo(PinReason.USER_VARIABLE);
        assertThat(maria("/*!40101 SET NAMES utf8 */").pin()).isEqualTo(PinReason.EXECUTABLE_COMMENT);
        assertThat(maria("SELECT 1 /*M! , @x := 2 */").pin()).isEqualTo(PinReason.EXECUTABLE_COMMENT);
        assertThat(maria("SELECT 1 /* an ordinary comment */").pin()).isNull();
        assertThat(maria("SELECT GET_LOCK('a', 1)").pin()).isEqualTo(PinReason.NAMED_LOCK);
        assertThat(maria("LOCK TABLES t READ").pin()).isEqualTo(PinReason.LOCK_TABLES);
        assertThat(maria("CREATE TEMPORARY TABLE t (x INT)").pin()).isEqualTo(PinReason.TEMP_TABLE);
        assertThat(maria("PREPARE s FROM 'SELECT 1'").pin()).isEqualTo(PinReason.SQL_PREPARE);
        assertThat(maria("SET div_precision_increment = 9").pin()).isEqualTo(PinReason.UNTRACKED_SET);
        assertThat(maria("SET TRANSACTION READ ONLY").pin()).isEqualTo(PinReason.NEXT_TRANSACTION);
        assertThat(maria("SELECT '@x', `@y` FROM t # @z").isNone()).isTrue();
        assertThat(maria("SELECT @@version").isNone()).isTrue();
    }

    @Test
    void otherDialects_neverTrackOrPin() {
        assertThat(StateStatements.classify("SET @x = 1", Dialect.H2).isNone()).isTrue();
    }
}
