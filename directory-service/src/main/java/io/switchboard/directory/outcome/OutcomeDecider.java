package io.switchboard.directory.outcome;

import io.switchboard.directory.index.DirectoryIndex;
import io.switchboard.directory.model.DispositionInfo;
import io.switchboard.directory.model.Sex;
import io.switchboard.directory.search.DirectorySearch;
import io.switchboard.directory.search.Geo;
import io.switchboard.directory.search.SearchResult;
import io.switchboard.events.CallOutcomeEvent;
import io.switchboard.events.CallOutcomeEvent.ChosenService;
import io.switchboard.events.CallOutcomeEvent.Result;
import io.switchboard.events.Disposition;
import io.switchboard.events.DispositionCatalogue;
import io.switchboard.events.EventJson;
import io.switchboard.events.TriageOutcomeEvent;
import io.switchboard.rest.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Collectors;

/**
 * Decides a call's outcome from what is known of it.
 *
 * <ol>
 * <li>A triage outcome reached a disposition: the ambulance and self-care groups (or a catalogue code that needs no
 * service) give no-service-needed; any other disposition is searched at the caller's location as at the time
 * triage finished, and the top-ranked service gives service-chosen, none gives no-service-found with the reason.</li>
 * <li>Triage ran but reached no disposition: triage-incomplete.</li>
 * <li>No triage: contingency if the call was sent to the contingency provider, triage-incomplete if it was
 * answered, else abandoned (the caller hung up, or the queue gave up, before an answer).</li>
 * </ol>
 */
@ApplicationScoped
public class OutcomeDecider {

    private final DirectorySearch search;
    private final DirectoryIndex index;

    OutcomeDecider(DirectorySearch search, DirectoryIndex index) {
        this.search = search;
        this.index = index;
    }

    public CallOutcomeEvent decide(CallState call, Instant now) {
        String eventId = eventIdOf(call.callId);
        TriageOutcomeEvent triage = dispositionTriage(call);
        Result result;
        Disposition disposition = null;
        ChosenService service = null;
        String reason = null;
        if (triage != null) {
            disposition = triage.disposition();
            if (needsNoService(disposition)) {
                result = Result.NO_SERVICE_NEEDED;
            } else {
                Choice choice = choose(call, triage);
                result = choice.service == null ? Result.NO_SERVICE_FOUND : Result.SERVICE_CHOSEN;
                service = choice.service;
                reason = choice.reason;
            }
        } else if (call.lastTriageStatus != null) {
            result = Result.TRIAGE_INCOMPLETE;
        } else if (call.contingency) {
            result = Result.CONTINGENCY;
        } else if (call.answeredAt != null) {
            result = Result.TRIAGE_INCOMPLETE;
        } else {
            result = Result.ABANDONED;
        }
        return new CallOutcomeEvent(eventId, call.callId, call.provider, call.region, result, call.offeredAt,
                call.answeredAt, call.lastTriageFinishedAt, now, disposition, service, reason, call.callerToken);
    }

    /** Deterministic: the same call always gets the same event id, so a republish is recognisably the same. */
    public static String eventIdOf(String callId) {
        return callId + ":outcome";
    }

    private boolean needsNoService(Disposition disposition) {
        if (disposition.group() != null) {
            return !DispositionCatalogue.needsService(disposition.group(), disposition.careSetting());
        }
        DispositionInfo known = index.awaitReady(Duration.ofMinutes(5)).reference().disposition(disposition.code())
                .orElse(null);
        return known != null && !known.needsService();
    }

    private record Choice(ChosenService service, String reason) {
    }

    private Choice choose(CallState call, TriageOutcomeEvent triage) {
        index.awaitReady(Duration.ofMinutes(5));
        Disposition d = triage.disposition();
        TriageOutcomeEvent.Location where = triage.location();
        if (where == null || (where.postcode() == null && (where.latitude() == null || where.longitude() == null))) {
            return new Choice(null, "the caller's location is not known");
        }
        TriageOutcomeEvent.Patient patient = triage.patient();
        Sex sex = patient == null || patient.sex() == null ? Sex.NOT_KNOWN : parseSex(patient.sex());
        DirectorySearch.Found found;
        try {
            found = search.search(new DirectorySearch.Query(d.code(), d.timeframeMinutes(), where.postcode(),
                    where.latitude(), where.longitude(), patient == null ? null : patient.ageYears(), sex, null,
                    triage.finishedAt(), null, call.region, null, 1));
        } catch (ProblemException e) {
            return new Choice(null, e.problem().detail());
        }
        SearchResult r = found.result();
        if (!r.services().isEmpty()) {
            SearchResult.Match top = r.services().get(0);
            return new Choice(new ChosenService(top.service().id(), top.service().name(), top.service().type(),
                    top.service().preferredReferralMethod(), Geo.round(top.distanceKm())), null);
        }
        String within = "within " + Math.round(r.distanceUsedKm()) + " km";
        if (r.candidates() == 0) {
            return new Choice(null, "no service " + within + " accepts " + d.code());
        }
        String gaps = r.gapCounts().isEmpty() ? "each misses two or more criteria"
                : "missed by one criterion: " + r.gapCounts().entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return new Choice(null, "none of the " + r.candidates() + " services " + within + " that accept " + d.code()
                + " is open and available for this patient (" + gaps + ")");
    }

    private static Sex parseSex(String value) {
        try {
            return Sex.parse(value);
        } catch (IllegalArgumentException e) {
            return Sex.NOT_KNOWN;
        }
    }

    static TriageOutcomeEvent dispositionTriage(CallState call) {
        if (call.lastDispositionTriage == null) {
            return null;
        }
        try {
            return EventJson.mapper().readValue(call.lastDispositionTriage, TriageOutcomeEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
