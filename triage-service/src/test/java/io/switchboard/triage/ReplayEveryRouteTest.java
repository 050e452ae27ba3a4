package io.switchboard.triage;

import static io.switchboard.triage.Triage.answer;
import static io.switchboard.triage.Triage.finish;
import static io.switchboard.triage.Triage.handler;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.triage.engine.AnsweredQuestion;
import io.switchboard.triage.engine.PathwayRoutes;
import io.switchboard.triage.pathway.Pathway;
import io.switchboard.triage.pathway.PathwayRegistry;
import io.switchboard.triage.service.AssessmentService;
import io.switchboard.triage.service.Replay;
import io.switchboard.triage.store.AssessmentRecord;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Every route of every pathway on offer, taken through the API as a handler would (with a detour back on the longer
 * ones), then every finished assessment stored is replayed from its audit trail against its pathway version: each
 * reproduces the disposition recorded.
 */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class ReplayEveryRouteTest {

    @Inject
    PathwayRegistry registry;

    @Inject
    AssessmentService assessments;

    @Test
    void everyFinishedAssessmentReplaysToItsDisposition() {
        Map<String, String> expected = new ConcurrentHashMap<>();
        int routes = 0;
        for (Pathway pathway : registry.catalogue().latestVersions()) {
            for (PathwayRoutes.Route route : PathwayRoutes.all(pathway)) {
                int age = Math.max(pathway.applicability().minAgeYears(), Math.min(40,
                        pathway.applicability().maxAgeYears()));
                String id = Triage.start(handler(), Triage.newCallId(), pathway.id(), age, "male").statusCode(201)
                        .extract().path("assessmentId");
                List<AnsweredQuestion> answers = route.answers();
                for (int i = 0; i < answers.size(); i++) {
                    AnsweredQuestion a = answers.get(i);
                    answer(handler(), id, a.questionId(), a.answerId()).statusCode(200);
                    if (i == 1 && answers.size() > 2) {
                        // A detour: go back one, answer differently if possible, go back again, answer as the route.
                        io.restassured.RestAssured.given().auth().oauth2(handler())
                                .contentType(io.restassured.http.ContentType.JSON)
                                .body(Map.of("questionId", a.questionId()))
                                .post("/assessments/" + id + "/back").then().statusCode(200);
                        answer(handler(), id, a.questionId(), a.answerId()).statusCode(200);
                    }
                }
                finish(handler(), id, route.end().disposition().code()).statusCode(200);
                expected.put(id, route.end().disposition().code());
                routes++;
            }
        }
        assertThat(routes).isGreaterThan(60);

        List<UUID> finished = QuarkusTransaction.requiringNew().call(() -> AssessmentRecord
                .<AssessmentRecord>list("status", AssessmentRecord.DISPOSITION_REACHED).stream().map(a -> a.id)
                .toList());
        assertThat(finished.stream().map(UUID::toString).toList()).containsAll(expected.keySet());
        for (UUID id : finished) {
            Replay.Report report = assessments.replay(id);
            assertThat(report.differences()).as("assessment " + id).isEmpty();
            assertThat(report.reproduced()).isTrue();
            assertThat(report.replayedDisposition()).isEqualTo(report.recordedDisposition());
            if (expected.containsKey(id.toString())) {
                assertThat(report.replayedDisposition().code()).isEqualTo(expected.get(id.toString()));
            }
        }
    }

    @Test
    void replayReportsAnAuditTrailThatDoesNotLeadToTheRecordedDisposition() {
        String id = Triage.startOk(Triage.newCallId(), "rash");
        answer(handler(), id, "q-airway", "yes").statusCode(200);
        finish(handler(), id, "SBAMBC1").statusCode(200);
        // Tamper with the stored result (the audit trail itself cannot be changed).
        QuarkusTransaction.requiringNew().run(() -> {
            AssessmentRecord a = AssessmentRecord.findById(UUID.fromString(id));
            a.disposition = new io.switchboard.events.Disposition("Dx05", "x", 120, "primary-care", "primary-care");
        });
        Replay.Report report = assessments.replay(UUID.fromString(id));
        assertThat(report.reproduced()).isFalse();
        assertThat(report.differences()).singleElement().asString().startsWith("the replayed disposition");
    }
}
