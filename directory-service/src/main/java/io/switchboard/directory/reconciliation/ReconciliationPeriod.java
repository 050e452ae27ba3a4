package io.switchboard.directory.reconciliation;

import io.switchboard.rest.Problem;
import io.switchboard.rest.ProblemException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** The period of a reconciliation, [from, to), from the request's parameters: a bad one is a 400 saying why. */
public record ReconciliationPeriod(Instant from, Instant to) {

    /** Call state is kept 35 days (switchboard.directory.outcomes.retention): a longer period could not be complete. */
    public static final Duration MAX = Duration.ofDays(31);

    public static ReconciliationPeriod parse(String from, String to) {
        List<Problem.FieldError> errors = new ArrayList<>();
        Instant start = instant("from", from, errors);
        Instant end = instant("to", to, errors);
        if (errors.isEmpty() && !start.isBefore(end)) {
            errors.add(new Problem.FieldError("to", "must be after 'from' (the period is [from, to))"));
        } else if (errors.isEmpty() && Duration.between(start, end).compareTo(MAX) > 0) {
            errors.add(new Problem.FieldError("to", "makes the period too long: at most " + MAX.toDays()
                    + " days (call state is kept 35 days)"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(Problem.of(400, "invalid-request", "Invalid request",
                    errors.size() == 1 ? "'" + errors.get(0).field() + "' " + errors.get(0).message()
                            : "The request has " + errors.size() + " invalid field(s)").withErrors(errors));
        }
        return new ReconciliationPeriod(start, end);
    }

    private static Instant instant(String name, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(name, "is required: an RFC 3339 date-time such as 2026-11-23T00:00:00Z"));
            return null;
        }
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(name, "must be an RFC 3339 date-time such as 2026-11-23T00:00:00Z, was '"
                    + (value.length() > 40 ? value.substring(0, 40) + "..." : value) + "'"));
            return null;
        }
    }
}
