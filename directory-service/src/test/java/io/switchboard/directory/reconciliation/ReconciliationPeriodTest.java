package io.switchboard.directory.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.rest.Problem;
import io.switchboard.rest.ProblemException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReconciliationPeriodTest {

    @Test
    void acceptsRfc3339TimesWithAnyOffset() {
        ReconciliationPeriod p = ReconciliationPeriod.parse("2026-11-23T00:00:00Z", "2026-11-24T01:00:00+01:00");
        assertThat(p.from()).isEqualTo(Instant.parse("2026-11-23T00:00:00Z"));
        assertThat(p.to()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(ReconciliationPeriod.parse("2026-11-01T00:00:00Z", "2026-12-02T00:00:00Z").to())
                .as("31 days is the longest period").isEqualTo(Instant.parse("2026-12-02T00:00:00Z"));
    }

    @Test
    void refusesAPeriodThatEndsBeforeItStarts() {
        assertThat(problem("2026-11-23T10:00:00Z", "2026-11-23T10:00:00Z").detail())
                .isEqualTo("'to' must be after 'from' (the period is [from, to))");
    }

    @Test
    void refusesAPeriodLongerThanTheStateIsKept() {
        Problem p = problem("2026-11-01T00:00:00Z", "2026-12-02T00:00:01Z");
        assertThat(p.status()).isEqualTo(400);
        assertThat(p.detail()).isEqualTo("'to' makes the period too long: at most 31 days (call state is kept 35 days)");
    }

    @Test
    void namesEveryParameterItCannotRead() {
        Problem p = problem("yesterday", null);
        assertThat(p.detail()).isEqualTo("The request has 2 invalid field(s)");
        assertThat(p.errors()).extracting(Problem.FieldError::field).containsExactly("from", "to");
        assertThat(p.errors().get(0).message()).isEqualTo("must be an RFC 3339 date-time such as "
                + "2026-11-23T00:00:00Z, was 'yesterday'");
        assertThat(p.errors().get(1).message()).startsWith("is required");
    }

    private static Problem problem(String from, String to) {
        try {
            ReconciliationPeriod.parse(from, to);
        } catch (ProblemException e) {
            return e.problem();
        }
        throw new AssertionError("accepted " + from + " .. " + to);
    }
}
