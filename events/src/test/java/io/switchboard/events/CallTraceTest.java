package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CallTraceTest {

    private static final String CALL = "pbx-leeds-1:1718960000.1234";

    /** The value the documented one-liner gives: printf 'switchboard-call|%s' "$CALL_ID" | sha256sum | cut -c1-32. */
    @Test
    void traceIdIsTheFirstHalfOfTheDocumentedDigest() {
        CallTrace trace = CallTrace.of(CALL);
        assertThat(trace.traceId()).isEqualTo("04a485cce1298c9dba98efead7daebbd");
        assertThat(trace.rootSpanId()).isEqualTo("8171abdb5656cc60");
        assertThat(trace.traceparent()).isEqualTo("00-04a485cce1298c9dba98efead7daebbd-8171abdb5656cc60-01");
    }

    @Test
    void isAValidSampledW3cTraceparent() {
        String traceparent = CallTrace.of(CALL).traceparent();
        assertThat(traceparent).matches(CallTrace.TRACEPARENT).endsWith("-01");
        assertThat(CallTrace.traceIdOf(traceparent)).isEqualTo(CallTrace.of(CALL).traceId());
        assertThat(CallTrace.of(CALL)).hasToString(traceparent);
    }

    @Test
    void theSameCallAlwaysGivesTheSameTrace() {
        assertThat(CallTrace.of(CALL).traceparent()).isEqualTo(CallTrace.of(new String(CALL.toCharArray())).traceparent());
    }

    @Test
    void differentCallsGiveDifferentTracesAndRoots() {
        Set<String> traces = new HashSet<>();
        Set<String> roots = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            CallTrace trace = CallTrace.of("pbx-1:1718960000." + i);
            traces.add(trace.traceId());
            roots.add(trace.rootSpanId());
        }
        assertThat(traces).hasSize(10_000);
        assertThat(roots).hasSize(10_000);
        assertThat(CallTrace.of("pbx-a:1.1").traceId()).isNotEqualTo(CallTrace.of("pbx-b:1.1").traceId());
    }

    @Test
    void needsACallId() {
        assertThatThrownBy(() -> CallTrace.of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CallTrace.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "01-04a485cce1298c9dba98efead7daebbd-8171abdb5656cc60-01",
            "00-04A485CCE1298C9DBA98EFEAD7DAEBBD-8171abdb5656cc60-01", "00-04a485cce1298c9dba98efead7daebb-8171abdb5656cc60-01",
            "00-00000000000000000000000000000000-8171abdb5656cc60-01", "00-04a485cce1298c9dba98efead7daebbd-0000000000000000-01",
            "00-04a485cce1298c9dba98efead7daebbd-8171abdb5656cc60"})
    void traceIdOfRejectsWhatIsNotATraceparent(String value) {
        assertThat(CallTrace.traceIdOf(value)).isNull();
    }

    @Test
    void traceIdOfNull() {
        assertThat(CallTrace.traceIdOf(null)).isNull();
    }
}
