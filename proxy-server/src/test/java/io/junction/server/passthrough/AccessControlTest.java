package io.junction.server.passthrough;

import io.junction.server.error.ErrorChain;
import io.junction.server.testing.TestGateway;
import io.junction.server.testing.Upstreams;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Authentication, source grants and the binding of connection ids to their user. */
class AccessControlTest {
    private static TestGateway gateway;

    @BeforeAll
    static void start() throws Exception {
        Map<String, io.junction.server.testing.Upstream> sources = new LinkedHashMap<>();
        sources.put("pg", Upstreams.postgres());
        sources.put("maria", Upstreams.mariadb());
        gateway = TestGateway.start(sources);
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void wrongPasswordAndUnknownUserFailAlikeWithoutSayingWhichPartWasWrong() {
        SQLException wrongPassword = catchSql(() -> gateway.connect("pg", TestGateway.USER, "not-the-password"));
        SQLException unknownUser = catchSql(() -> gateway.connect("pg", "nobody", TestGateway.PASSWORD));
        assertThat(wrongPassword.getSQLState()).isIn("28000", "28P01");
        assertThat(unknownUser.getSQLState()).isEqualTo(wrongPassword.getSQLState());
        assertThat(wrongPassword.getMessage()).doesNotContainIgnoringCase("password is wrong")
                .doesNotContain(TestGateway.PASSWORD);
        assertThat(unknownUser.getMessage().replace("nobody", TestGateway.USER))
                .isEqualTo(wrongPassword.getMessage());
    }

    @Test
    void aUserReachesOnlyTheSourcesGrantedToIt() throws Exception {
        try (Connection granted = gateway.connect("pg", TestGateway.OUTSIDER, TestGateway.OUTSIDER_PASSWORD);
             Statement statement = granted.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1")) {
            assertThat(rs.next()).isTrue();
        }
        SQLException denied = catchSql(() -> gateway.connect("maria", TestGateway.OUTSIDER,
                TestGateway.OUTSIDER_PASSWORD));
        assertThat(denied.getSQLState()).isEqualTo("28000");
        assertThat(denied.getMessage()).contains("maria");
        SQLException unknown = catchSql(() -> gateway.connect("no_such_source"));
        assertThat(unknown.getSQLState()).isEqualTo("28000");
    }

    @Test
    void anotherUsersConnectionIdIsRejectedAsIfItDidNotExist() throws Exception {
        RawAvaticaClient owner = new RawAvaticaClient(gateway.port(), TestGateway.USER, TestGateway.PASSWORD);
        RawAvaticaClient intruder = new RawAvaticaClient(gateway.port(), TestGateway.OUTSIDER,
                TestGateway.OUTSIDER_PASSWORD);
        String connectionId = UUID.randomUUID().toString();
        Service.Response opened = owner.send(new Service.OpenConnectionRequest(connectionId,
                Map.of("junction.source", "pg")));
        assertThat(opened).isInstanceOf(Service.OpenConnectionResponse.class);
        Service.CreateStatementResponse created = (Service.CreateStatementResponse)
                owner.send(new Service.CreateStatementRequest(connectionId));

        Service.Response stolen = intruder.send(new Service.PrepareAndExecuteRequest(connectionId,
                created.statementId, "SELECT 1", -1));
        assertThat(stolen).isInstanceOf(Service.ErrorResponse.class);
        Service.ErrorResponse error = (Service.ErrorResponse) stolen;
        assertThat(error.errorMessage).contains("does not exist");
        // No server stack trace: only the line describing the error for the Junction driver.
        assertThat(error.exceptions).singleElement().asString().startsWith(ErrorChain.PREFIX).doesNotContain("\tat ");

        Service.Response reopened = intruder.send(new Service.OpenConnectionRequest(connectionId,
                Map.of("junction.source", "pg")));
        assertThat(reopened).isInstanceOf(Service.ErrorResponse.class);

        // The owner is unaffected.
        Service.Response own = owner.send(new Service.PrepareAndExecuteRequest(connectionId,
                created.statementId, "SELECT 1", -1));
        assertThat(own).isInstanceOf(Service.ExecuteResponse.class);
        owner.send(new Service.CloseConnectionRequest(connectionId));
    }

    private interface SqlCall {
        Object call() throws SQLException;
    }

    private static SQLException catchSql(SqlCall call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> {
            Object result = call.call();
            if (result instanceof AutoCloseable closeable) {
                closeable.close();
            }
        });
        assertThat(thrown).isInstanceOf(SQLException.class);
        return (SQLException) thrown;
    }
}
