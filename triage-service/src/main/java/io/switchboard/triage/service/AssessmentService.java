package io.switchboard.triage.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.events.CallId;
import io.switchboard.events.CallLifecycleEvent;
import io.switchboard.events.CallStep;
import io.switchboard.events.DispositionCatalogue;
import io.switchboard.events.Pseudonymiser;
import io.switchboard.events.RoutingCommand;
import io.switchboard.events.Topics;
import io.switchboard.events.TriageOutcomeEvent;
import io.switchboard.rest.Problem;
import io.switchboard.rest.ProblemException;
import io.switchboard.triage.config.TriageConfig;
import io.switchboard.triage.engine.AnsweredQuestion;
import io.switchboard.triage.engine.AssessmentRuleException;
import io.switchboard.triage.engine.Walk;
import io.switchboard.triage.messaging.Outbox;
import io.switchboard.triage.pathway.Node;
import io.switchboard.triage.pathway.Pathway;
import io.switchboard.triage.pathway.PathwayRegistry;
import io.switchboard.triage.store.AssessmentRecord;
import io.switchboard.triage.store.AssessmentStep;
import io.switchboard.triage.store.ClosedCall;
import io.switchboard.triage.store.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Assessments: each step is one transaction that locks the assessment's row, moves its {@link Walk}, appends to the
 * audit trail and, when the assessment ends, writes its events to the outbox. The caller publishes the returned
 * event ids once the transaction has committed ({@link io.switchboard.triage.messaging.OutboxRelay#publish}).
 */
@ApplicationScoped
public class AssessmentService {

    /** The inbox name of the calls.lifecycle.v1 consumer. */
    public static final String LIFECYCLE_CONSUMER = "triage-lifecycle";
    /** The actor of steps the service takes itself when a call ends. */
    public static final String LIFECYCLE_ACTOR = "system:calls.lifecycle.v1";
    public static final String HANDLER_CLOSED = "handler-closed";

    private static final Logger LOG = Logger.getLogger(AssessmentService.class);

    private final PathwayRegistry pathways;
    private final Outbox outbox;
    private final Inbox inbox;
    private final OutcomeEvents events;
    private final EntityManager entityManager;
    private final MeterRegistry metrics;

    AssessmentService(PathwayRegistry pathways, Outbox outbox, Inbox inbox, TriageConfig config,
            @ConfigProperty(name = "switchboard.hmac-key") String hmacKey, EntityManager entityManager,
            MeterRegistry metrics) {
        this.pathways = pathways;
        this.outbox = outbox;
        this.inbox = inbox;
        this.events = new OutcomeEvents(new Pseudonymiser(hmacKey), config.clinicianQueue());
        this.entityManager = entityManager;
        this.metrics = metrics;
    }

    /** What a new assessment needs; validated by the REST layer. */
    public record NewAssessment(String callId, String pathwayId, int ageYears, String sex, String postcode,
            Double latitude, Double longitude) {
    }

    /** Where an assessment is after a step, and the events to publish once the step has committed. */
    public record Result(AssessmentRecord assessment, Pathway pathway, Walk walk, List<String> eventIds) {
    }

    /**
     * Every pathway version a stored assessment used must still load with the same content, or those assessments
     * could neither carry on nor be replayed: the service then refuses to start.
     */
    @Transactional
    void checkStoredAssessmentsCanBeReplayed(@Observes StartupEvent start) {
        @SuppressWarnings("unchecked")
        List<Object[]> used = entityManager.createNativeQuery(
                "SELECT DISTINCT pathway_id, pathway_version, pathway_sha256 FROM assessment").getResultList();
        List<String> problems = new ArrayList<>();
        for (Object[] row : used) {
            String id = (String) row[0];
            int version = ((Number) row[1]).intValue();
            String sha256 = (String) row[2];
            Optional<Pathway> pathway = pathways.catalogue().version(id, version);
            if (pathway.isEmpty()) {
                problems.add(id + " v" + version + " is used by stored assessments but is not in the content");
            } else if (!pathway.get().sha256().equals(sha256)) {
                problems.add(id + " v" + version + " has changed since stored assessments used it (sha256 "
                        + sha256 + ", now " + pathway.get().sha256() + ")");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Pathway content does not match stored assessments: "
                    + String.join("; ", problems));
        }
    }

    @Transactional
    public Result start(NewAssessment request, String user) {
        if (!CallId.isValid(request.callId())) {
            throw ProblemException.badRequest("callId must be <pbxId>:<linkedid>, got " + request.callId());
        }
        Pathway pathway = pathways.catalogue().latest(request.pathwayId()).orElseThrow(() -> new ProblemException(
                Problem.of(400, "invalid-request", "Invalid request", "The request has 1 invalid field(s)")
                        .withErrors(List.of(new Problem.FieldError("pathwayId", "no pathway '" + request.pathwayId()
                                + "' (GET /pathways lists them)")))));
        String refusal = pathway.applicability().refusal(request.ageYears(), request.sex());
        if (refusal != null) {
            throw new ProblemException(Problem.of(422, "pathway-not-applicable", "Pathway not applicable",
                    "Pathway " + pathway.id() + " " + refusal));
        }
        ClosedCall closed = ClosedCall.findById(request.callId());
        if (closed != null) {
            throw ProblemException.conflict("Call " + request.callId() + " is over (" + closed.step + " at "
                    + closed.occurredAt + "): no assessment can start for it");
        }
        AssessmentRecord.openForCall(request.callId(), false).ifPresent(open -> {
            throw ProblemException.conflict("Call " + request.callId() + " already has an assessment in progress ("
                    + open.id + "): finish or close it first");
        });

        Instant now = now();
        AssessmentRecord a = new AssessmentRecord();
        a.id = UUID.randomUUID();
        a.callId = request.callId();
        a.pathwayId = pathway.id();
        a.pathwayVersion = pathway.version();
        a.pathwaySha256 = pathway.sha256();
        a.status = AssessmentRecord.IN_PROGRESS;
        a.answers = new ArrayList<>();
        a.currentNode = pathway.start();
        a.ageYears = request.ageYears();
        a.sex = request.sex();
        a.postcode = request.postcode();
        a.latitude = request.latitude();
        a.longitude = request.longitude();
        a.startedAt = now;
        a.startedBy = user;
        a.lastHandler = user;
        try {
            a.persistAndFlush();
        } catch (PersistenceException e) {
            if (violates(e, "assessment_one_open_per_call")) {
                // Two starts for the same call at once: the partial unique index lets one through.
                throw ProblemException.conflict("Call " + request.callId() + " already has an assessment in progress");
            }
            throw e;
        }
        Walk walk = Walk.start(pathway);
        AssessmentStep started = step(a, AssessmentStep.STARTED, user, now);
        started.detail = "pathway " + pathway.ref() + " (" + pathway.file() + ", sha256 " + pathway.sha256() + ")";
        started.persist();
        shown(a, walk, user, now);
        metrics.counter("switchboard_triage_assessments_started_total", "pathway", pathway.id()).increment();
        return new Result(a, pathway, walk, List.of());
    }

    /** The assessment as it is; when in progress, showing it is a step of the audit trail. */
    @Transactional
    public Result show(UUID id, String user) {
        AssessmentRecord a = lock(id);
        Pathway pathway = pathwayOf(a);
        Walk walk = Walk.replay(pathway, a.answers);
        if (a.isOpen()) {
            shown(a, walk, user, now());
        }
        return new Result(a, pathway, walk, List.of());
    }

    @Transactional
    public Result answer(UUID id, String questionId, String answerId, String user) {
        AssessmentRecord a = lockOpen(id);
        Pathway pathway = pathwayOf(a);
        Walk walk = Walk.replay(pathway, a.answers).answer(questionId, answerId);
        Instant now = now();
        Node.Question question = (Node.Question) pathway.node(questionId);
        Node.Answer answer = question.answer(answerId).orElseThrow();
        AssessmentStep step = step(a, AssessmentStep.ANSWERED, user, now);
        step.nodeId = question.id();
        step.nodeText = question.text();
        step.answerId = answer.id();
        step.answerText = answer.text();
        step.redFlag = answer.redFlag();
        step.persist();
        moveTo(a, walk, user);
        shown(a, walk, user, now);
        return new Result(a, pathway, walk, List.of());
    }

    /** Back to {@code questionId} (the last question answered when null): that answer and later ones are discarded. */
    @Transactional
    public Result back(UUID id, String questionId, String user) {
        AssessmentRecord a = lockOpen(id);
        Pathway pathway = pathwayOf(a);
        Walk before = Walk.replay(pathway, a.answers);
        Walk walk = questionId == null ? before.back() : before.backTo(questionId);
        Instant now = now();
        List<AnsweredQuestion> discarded = before.answers().subList(walk.answers().size(), before.answers().size());
        AssessmentStep step = step(a, AssessmentStep.WENT_BACK, user, now);
        step.nodeId = walk.current().id();
        step.detail = "discarded " + String.join(", ", discarded.stream()
                .map(d -> d.questionId() + "=" + d.answerId()).toList());
        step.persist();
        moveTo(a, walk, user);
        shown(a, walk, user, now);
        return new Result(a, pathway, walk, List.of());
    }

    /** Ends the assessment with the disposition reached, which the handler confirms by its code. */
    @Transactional
    public Result finish(UUID id, String dispositionCode, String user) {
        AssessmentRecord a = lockOpen(id);
        Pathway pathway = pathwayOf(a);
        Walk walk = Walk.replay(pathway, a.answers);
        Node.End end = walk.end();
        DispositionCatalogue.Entry disposition = end.disposition();
        if (!disposition.code().equals(dispositionCode)) {
            throw ProblemException.conflict("The disposition reached is " + disposition.code() + " ("
                    + disposition.name() + "), not " + dispositionCode);
        }
        Instant now = now();
        a.status = AssessmentRecord.DISPOSITION_REACHED;
        a.finishedAt = now;
        a.finishedBy = user;
        a.lastHandler = user;
        a.endNode = end.id();
        a.dispositionCode = disposition.code();
        a.disposition = disposition.toEvent();
        AssessmentStep step = step(a, AssessmentStep.FINISHED, user, now);
        step.nodeId = end.id();
        step.nodeText = disposition.name();
        step.dispositionCode = disposition.code();
        step.persist();

        List<String> ids = new ArrayList<>();
        ids.add(writeOutcome(a, pathway));
        if (disposition.transfersToClinician()) {
            RoutingCommand command = events.transfer(a, disposition);
            outbox.add(Topics.ROUTING_COMMANDS, command.commandId(), command.key(), command.cloudEventType(),
                    command.issuedAt(), command);
            ids.add(command.commandId());
        }
        metrics.counter("switchboard_triage_assessments_finished_total", "pathway", a.pathwayId, "status", a.status,
                "group", disposition.group()).increment();
        return new Result(a, pathway, walk, ids);
    }

    /** The handler stops an assessment without a disposition (wrong pathway, caller hung up first...). */
    @Transactional
    public Result close(UUID id, String note, String user) {
        AssessmentRecord a = lockOpen(id);
        Pathway pathway = pathwayOf(a);
        List<String> ids = closeIncomplete(a, pathway, HANDLER_CLOSED, note, user, now());
        return new Result(a, pathway, Walk.replay(pathway, a.answers), ids);
    }

    /**
     * A lifecycle event of a call: when the call is over (ended or abandoned) the call is remembered as such and an
     * assessment still in progress is closed as incomplete. Idempotent: a redelivered event changes nothing.
     *
     * @return the events to publish
     */
    @Transactional
    public List<String> onLifecycle(CallLifecycleEvent event) {
        String reason = switch (event.step()) {
            case ENDED -> "call-ended";
            case ABANDONED -> "call-abandoned";
            default -> null;
        };
        if (reason == null || !inbox.firstDelivery(LIFECYCLE_CONSUMER, event.eventId())) {
            return List.of();
        }
        Instant occurredAt = event.occurredAt().truncatedTo(ChronoUnit.MICROS);
        entityManager.createNativeQuery("""
                INSERT INTO closed_call (call_id, step, occurred_at, recorded_at) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (call_id) DO NOTHING""")
                .setParameter(1, event.callId()).setParameter(2, event.step().wireName())
                .setParameter(3, occurredAt).setParameter(4, now()).executeUpdate();
        Optional<AssessmentRecord> open = AssessmentRecord.openForCall(event.callId(), true);
        if (open.isEmpty()) {
            return List.of();
        }
        AssessmentRecord a = open.get();
        Instant finishedAt = occurredAt.isBefore(a.startedAt) ? a.startedAt : occurredAt;
        LOG.infof("Call %s %s during assessment %s: closed as incomplete", event.callId(),
                event.step() == CallStep.ENDED ? "ended" : "was abandoned", a.id);
        return closeIncomplete(a, pathwayOf(a), reason, "calls.lifecycle.v1 event " + event.eventId(),
                LIFECYCLE_ACTOR, finishedAt);
    }

    @Transactional
    public List<AssessmentRecord> ofCall(String callId) {
        return AssessmentRecord.ofCall(callId);
    }

    @Transactional
    public List<AssessmentStep> audit(UUID id) {
        find(id);
        return AssessmentStep.of(id);
    }

    /** Rebuilds the route from the audit trail alone and runs it through the pathway version the assessment used. */
    @Transactional
    public Replay.Report replay(UUID id) {
        AssessmentRecord a = find(id);
        return Replay.of(a, AssessmentStep.of(id), pathways.catalogue());
    }

    public Pathway pathwayOf(AssessmentRecord a) {
        return pathways.catalogue().version(a.pathwayId, a.pathwayVersion).orElseThrow(() -> new IllegalStateException(
                "pathway " + a.pathwayId + " v" + a.pathwayVersion + " of assessment " + a.id + " is not loaded"));
    }

    private List<String> closeIncomplete(AssessmentRecord a, Pathway pathway, String reason, String detail,
            String actor, Instant at) {
        a.status = AssessmentRecord.INCOMPLETE;
        a.incompleteReason = reason;
        a.finishedAt = at;
        a.finishedBy = actor;
        AssessmentStep step = step(a, AssessmentStep.CLOSED, actor, now());
        step.nodeId = a.currentNode;
        step.detail = reason + (detail == null || detail.isBlank() ? "" : ": " + detail);
        step.persist();
        metrics.counter("switchboard_triage_assessments_finished_total", "pathway", a.pathwayId, "status", a.status,
                "group", "none").increment();
        return List.of(writeOutcome(a, pathway));
    }

    private String writeOutcome(AssessmentRecord a, Pathway pathway) {
        TriageOutcomeEvent outcome = events.outcome(a, pathway);
        outbox.add(Topics.TRIAGE_OUTCOMES, outcome.eventId(), outcome.callId(), outcome.cloudEventType(),
                outcome.finishedAt(), outcome);
        return outcome.eventId();
    }

    private void moveTo(AssessmentRecord a, Walk walk, String user) {
        a.answers = new ArrayList<>(walk.answers());
        a.currentNode = walk.current().id();
        a.lastHandler = user;
    }

    private void shown(AssessmentRecord a, Walk walk, String user, Instant at) {
        Node node = walk.current();
        AssessmentStep step;
        if (node instanceof Node.End end) {
            step = step(a, AssessmentStep.DISPOSITION_SHOWN, user, at);
            step.nodeText = end.disposition().name();
            step.dispositionCode = end.disposition().code();
        } else {
            step = step(a, AssessmentStep.QUESTION_SHOWN, user, at);
            step.nodeText = ((Node.Question) node).text();
        }
        step.nodeId = node.id();
        step.persist();
    }

    private static AssessmentStep step(AssessmentRecord a, String kind, String actor, Instant at) {
        AssessmentStep step = new AssessmentStep();
        step.assessmentId = a.id;
        step.seq = a.nextStep++;
        step.kind = kind;
        step.pathwayId = a.pathwayId;
        step.pathwayVersion = a.pathwayVersion;
        step.actor = Objects.requireNonNull(actor);
        step.at = at;
        return step;
    }

    private static AssessmentRecord find(UUID id) {
        return AssessmentRecord.<AssessmentRecord>findByIdOptional(id)
                .orElseThrow(() -> ProblemException.notFound("No assessment " + id));
    }

    private static AssessmentRecord lock(UUID id) {
        return AssessmentRecord.lock(id).orElseThrow(() -> ProblemException.notFound("No assessment " + id));
    }

    private static AssessmentRecord lockOpen(UUID id) {
        AssessmentRecord a = lock(id);
        if (!a.isOpen()) {
            throw new AssessmentRuleException(AssessmentRuleException.Kind.OVER, "The assessment is over ("
                    + a.status + (a.incompleteReason == null ? "" : ", " + a.incompleteReason)
                    + "): it can no longer change");
        }
        return a;
    }

    private static boolean violates(Throwable e, String constraint) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException c && c.getConstraintName() != null
                    && c.getConstraintName().contains(constraint)) {
                return true;
            }
        }
        return false;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
