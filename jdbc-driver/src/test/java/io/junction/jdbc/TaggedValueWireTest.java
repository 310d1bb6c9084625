package io.junction.jdbc;

import org.apache.calcite.avatica.ColumnMetaData.Rep;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.ProtobufTranslationImpl;
import org.apache.calcite.avatica.remote.Service;
import org.apache.calcite.avatica.remote.TypedValue;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Types;
import java.time.LocalTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tags survive the trip to a server that decodes with Avatica's own translation (as Junction's does), and requests
 * without tags are Avatica's bytes unchanged. End to end against PostgreSQL and MariaDB: ParameterFidelityTest.
 */
class TaggedValueWireTest {
    private static final Meta.StatementHandle HANDLE = new Meta.StatementHandle("c1", 7, null);

    private final ProtobufTranslationImpl stock = new ProtobufTranslationImpl();
    private final TaggedValueWire wire = new TaggedValueWire(stock);

    @Test
    void executeRequest_carriesTypedNullsAndMicrosecondTimes() throws IOException {
        List<TypedValue> values = List.of(ParameterTags.typedNull(Types.INTEGER),
                ParameterTags.time(LocalTime.parse("13:14:15.654321")), TypedValue.ofLocal(Rep.INTEGER, 5),
                TypedValue.EXPLICIT_NULL, ParameterTags.typedNull(Types.TIMESTAMP_WITH_TIMEZONE));

        Service.ExecuteRequest received = (Service.ExecuteRequest) stock.parseRequest(
                wire.serializeRequest(new Service.ExecuteRequest(HANDLE, values, 100)));

        List<TypedValue> got = received.parameterValues;
        assertThat(got.get(0).value).isNull();
        assertThat(got.get(0).componentType).isEqualTo(Rep.INTEGER);
        assertThat(got.get(1).type).isEqualTo(Rep.LONG);
        assertThat(got.get(1).componentType).isEqualTo(ParameterTags.TIME_MICROS);
        assertThat(got.get(1).value).isEqualTo(LocalTime.parse("13:14:15.654321").toNanoOfDay() / 1_000L);
        assertThat(ParameterTags.tagOf(got.get(2))).as("untagged: the protobuf default").isNull();
        assertThat(got.get(2).value).isEqualTo(5);
        assertThat(ParameterTags.tagOf(got.get(3))).isNull();
        assertThat(got.get(4).componentType).isEqualTo(Rep.JAVA_UTIL_DATE);
    }

    @Test
    void batchRequest_carriesTagsInEveryRow() throws IOException {
        List<List<TypedValue>> rows = List.of(
                List.of(TypedValue.ofLocal(Rep.INTEGER, 1), ParameterTags.typedNull(Types.VARCHAR)),
                List.of(TypedValue.ofLocal(Rep.INTEGER, 2), ParameterTags.typedNull(Types.DATE)));

        Service.ExecuteBatchRequest received = (Service.ExecuteBatchRequest) stock.parseRequest(
                wire.serializeRequest(new Service.ExecuteBatchRequest("c1", 7, rows)));

        assertThat(received.getProtoUpdateBatches()).hasSize(2);
        assertThat(TypedValue.fromProto(received.getProtoUpdateBatches().get(0).getParameterValues(1)).componentType)
                .isEqualTo(Rep.STRING);
        assertThat(TypedValue.fromProto(received.getProtoUpdateBatches().get(1).getParameterValues(1)).componentType)
                .isEqualTo(Rep.JAVA_SQL_DATE);
        assertThat(ParameterTags.tagOf(TypedValue.fromProto(
                received.getProtoUpdateBatches().get(1).getParameterValues(0)))).isNull();
    }

    @Test
    void requestWithoutTags_isAvaticasOwnBytes() throws IOException {
        Service.ExecuteRequest request = new Service.ExecuteRequest(HANDLE,
                List.of(TypedValue.ofLocal(Rep.STRING, "x"), TypedValue.EXPLICIT_NULL), 100);

        assertThat(wire.serializeRequest(request)).isEqualTo(stock.serializeRequest(request));
    }

    @Test
    void undefinedTypeCodes_andTypesNull_areAvaticasUntypedNull() {
        assertThat(ParameterTags.typedNull(Types.NULL)).isSameAs(TypedValue.EXPLICIT_NULL);
        assertThat(ParameterTags.typedNull(424242)).isSameAs(TypedValue.EXPLICIT_NULL);
    }
}
