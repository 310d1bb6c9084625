package io.junction.server.transport;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AcceptedContentTypesTest {
    @Test
    void accepts_avaticaTypesWithParametersAndAnyCase_andNoHeader() {
        assertThat(AcceptedContentTypes.accepts(null)).isTrue();
        assertThat(AcceptedContentTypes.accepts("application/octet-stream")).isTrue();
        assertThat(AcceptedContentTypes.accepts("application/x-protobuf")).isTrue();
        assertThat(AcceptedContentTypes.accepts("application/x-google-protobuf")).isTrue();
        assertThat(AcceptedContentTypes.accepts("Application/JSON ; charset=UTF-8")).isTrue();
    }

    @Test
    void accepts_otherTypes_isFalse() {
        assertThat(AcceptedContentTypes.accepts("text/plain")).isFalse();
        assertThat(AcceptedContentTypes.accepts("application/x-www-form-urlencoded")).isFalse();
        assertThat(AcceptedContentTypes.accepts("")).isFalse();
    }
}
