package io.junction.jdbc;

import org.apache.calcite.avatica.proto.Common.WireMessage;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The renaming is checked here by pretending the canonical package is somewhere else; the shaded jar's real
 * renaming is checked against a stock server by ShadedJarIT.
 */
class CanonicalWireNamesTest {
    private static final String REAL = "org.apache.calcite.avatica.proto.";
    private static final String ELSEWHERE = "elsewhere.proto.";

    private final ProtobufTranslationImpl stock = new ProtobufTranslationImpl();
    private final CanonicalWireNames renaming = new CanonicalWireNames(stock, REAL, ELSEWHERE);

    @Test
    void canonicalPackage_isAvaticasProtoPackage() {
        assertThat(CanonicalWireNames.CANONICAL_PACKAGE).isEqualTo(REAL);
        assertThat(WireMessage.class.getName()).startsWith(CanonicalWireNames.CANONICAL_PACKAGE);
    }

    @Test
    void serializeRequest_renamesToTheWirePackage_andKeepsTheBody() throws IOException {
        Service.OpenConnectionRequest request =
                new Service.OpenConnectionRequest("c1", Map.of("junction.source", "pg"));

        WireMessage sent = WireMessage.parseFrom(renaming.serializeRequest(request));
        WireMessage stockSent = WireMessage.parseFrom(stock.serializeRequest(request));

        assertThat(sent.getName()).isEqualTo(ELSEWHERE + "Requests$OpenConnectionRequest");
        assertThat(sent.getWrappedMessage()).isEqualTo(stockSent.getWrappedMessage());
    }

    @Test
    void parseResponse_acceptsWireNames() throws IOException {
        Service.Response original = new Service.CreateStatementResponse("c1", 7, null);
        byte[] stockBytes = stock.serializeResponse(original);
        WireMessage asStock = WireMessage.parseFrom(stockBytes);
        byte[] onTheWire = asStock.toBuilder()
                .setName(ELSEWHERE + asStock.getName().substring(REAL.length())).build().toByteArray();

        Service.Response parsed = renaming.parseResponse(onTheWire);

        assertThat(parsed).isEqualTo(original);
    }

    @Test
    void requestAndResponse_roundTripBothWays() throws IOException {
        Service.Request request = new Service.FetchRequest("c1", 3, 100, 1000);
        Service.Response response = new Service.CloseStatementResponse(null);

        assertThat(renaming.parseRequest(renaming.serializeRequest(request))).isEqualTo(request);
        assertThat(renaming.parseResponse(renaming.serializeResponse(response))).isEqualTo(response);
    }

    @Test
    void unshaded_renamesNothing() throws IOException {
        CanonicalWireNames production = new CanonicalWireNames(stock);
        Service.Request request = new Service.CloseConnectionRequest("c1");

        assertThat(production.serializeRequest(request)).isEqualTo(stock.serializeRequest(request));
    }
}
