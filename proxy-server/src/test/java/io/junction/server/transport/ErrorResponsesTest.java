package io.junction.server.transport;

import io.junction.server.error.JunctionSqlState;
import org.apache.calcite.avatica.AvaticaSeverity;
import org.apache.calcite.avatica.remote.Service;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorResponsesTest {
    @ParameterizedTest
    @EnumSource(WireFormat.class)
    void encode_decodesWithAvaticasOwnTranslation(WireFormat format) throws Exception {
        byte[] encoded = ErrorResponses.encode(JunctionSqlState.SERVER_BUSY, "too busy", format);

        assertThat(WireFormat.sniff(encoded)).isEqualTo(format);
        Service.ErrorResponse decoded = TransportFixture.errorResponse(encoded, format);
        assertThat(decoded.sqlState).isEqualTo("53300");
        assertThat(decoded.errorMessage).isEqualTo("too busy");
        assertThat(decoded.errorCode).isZero();
        assertThat(decoded.severity).isEqualTo(AvaticaSeverity.ERROR);
        assertThat(decoded.exceptions).isEmpty();
        assertThat(decoded.toException().getSqlState()).isEqualTo("53300");
    }
}
