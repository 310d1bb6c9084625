package io.junction.server.transport;

import org.apache.calcite.avatica.ConnectionConfigImpl;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.remote.AvaticaCommonsHttpClientImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The transport as Avatica's own HTTP client sees it: challenge first, credentials on the retry. */
class StockAvaticaClientTest {
    private TransportFixture fixture;
    private PoolingHttpClientConnectionManager pool;

    @BeforeEach
    void start() throws Exception {
        fixture = new TransportFixture();
        pool = new PoolingHttpClientConnectionManager();
    }

    @AfterEach
    void stop() {
        pool.close();
        fixture.close();
    }

    private AvaticaCommonsHttpClientImpl stockClient(String user, String password) {
        AvaticaCommonsHttpClientImpl client = new AvaticaCommonsHttpClientImpl(fixture.uri());
        client.setHttpClientPool(pool, new ConnectionConfigImpl(new Properties()));
        client.setUsernamePassword(AuthenticationType.BASIC, user, password);
        return client;
    }

    @Test
    void send_answersTheChallengeWithBasicCredentials() throws Exception {
        byte[] request = TransportFixture.protobufRequest(new Service.OpenConnectionRequest("c-1", Map.of()));

        byte[] response = stockClient(FakeAuthenticator.USER, FakeAuthenticator.PASSWORD).send(request);

        assertThat(response).isEqualTo(request);
        assertThat(fixture.endpoint.calls()).singleElement()
                .satisfies(call -> assertThat(call.user().name()).isEqualTo(FakeAuthenticator.USER));
        assertThat(fixture.requests("unauthorized")).as("the challenge").isEqualTo(1);
        assertThat(fixture.requests("ok")).isEqualTo(1);
    }

    @Test
    void send_withWrongPassword_failsWithHttp401() throws Exception {
        byte[] request = TransportFixture.protobufRequest(new Service.OpenConnectionRequest("c-1", Map.of()));

        assertThatThrownBy(() -> stockClient(FakeAuthenticator.USER, "wrong").send(request))
                .hasMessageContaining("HTTP/401");
        assertThat(fixture.endpoint.calls()).isEmpty();
    }

    @Test
    void send_readsTheErrorResponseOfA500() throws Exception {
        fixture.endpoint.failWith(new IllegalStateException("bug"));
        byte[] request = TransportFixture.protobufRequest(new Service.OpenConnectionRequest("c-1", Map.of()));

        byte[] response = stockClient(FakeAuthenticator.USER, FakeAuthenticator.PASSWORD).send(request);

        assertThat(TransportFixture.errorResponse(response, WireFormat.PROTOBUF).sqlState).isEqualTo("XX000");
    }
}
