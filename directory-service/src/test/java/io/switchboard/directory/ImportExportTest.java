package io.switchboard.directory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.directory.support.Api;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.Tokens;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV and Open Referral (HSDS) imports with bad rows, and the HSDS export (services around Exeter). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class ImportExportTest {

    private static final String MANAGER = Tokens.forRoles("service-manager");

    @Test
    void aCsvImportLoadsTheGoodRowsAndReportsEachBadRowWithItsLineAndReasons() {
        String csv = Api.CSV_HEADER + """
                exe-good-1,exe-org,Exeter Test Trust,"Exeter Test Pharmacy, Sidwell Street",pharmacy,exeter-test,true,0,130,any,,Dx28;Dx29,electronic;telephone,01392 000001,EX1,,,09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00,09:00-17:30,,,2026-12-24
                exe-bad-type,exe-org,Exeter Test Trust,Bad Type,Walk In!,exeter-test,true,0,130,any,,Dx05,walk-in,,,50.72,-3.53,24h,,,,,,,,
                exe-good-2,exe-org,Exeter Test Trust,Exeter Test Sexual Health,sexual-health,exeter-test,true,13,130,any,,Dx97;Dx98,walk-in,,,50.7250,-3.5300,09:00-17:00,09:00-17:00,09:00-17:00,09:00-17:00,09:00-17:00,,,,
                exe-bad-many,exe-org,Exeter Test Trust,Bad Many,pharmacy,exeter-test,maybe,60,20,any,,Dx28,,,ZZ9 9ZZ,,,25:00-26:00,,,,,,,,
                exe-bad-short,exe-org
                """;
        given().auth().oauth2(MANAGER).contentType("text/csv").body(csv).when().post("/directory/import/csv")
                .then().statusCode(200)
                .body("format", equalTo("csv")).body("read", equalTo(5)).body("loaded", equalTo(2))
                .body("rejected.row", equalTo(List.of(3, 5, 6)))
                .body("rejected[0].id", equalTo("exe-bad-type"))
                .body("rejected[0].reason", containsString("service type 'Walk In!'"))
                .body("rejected[1].reason", containsString("active must be true or false"))
                .body("rejected[1].reason", containsString("min_age 60 is above max_age 20"))
                .body("rejected[1].reason", containsString("at least one referral method"))
                .body("rejected[1].reason", containsString("time out of range"))
                .body("rejected[1].reason", containsString("postcode ZZ9 9ZZ is not in the postcode table"))
                .body("rejected[2].reason", containsString("has 2 fields, the header 26"));

        given().auth().oauth2(Tokens.forRoles("call-handler")).when().get("/directory/services/exe-good-1")
                .then().statusCode(200).body("name", equalTo("Exeter Test Pharmacy, Sidwell Street"))
                .body("postcode", equalTo("EX1")).body("specifiedDates.'2026-12-24'", equalTo(List.of("closed")))
                .body("dispositions", equalTo(List.of("Dx28", "Dx29")));
        given().auth().oauth2(Tokens.forRoles("call-handler")).when().get("/directory/services/exe-bad-type")
                .then().statusCode(404);
        given().auth().oauth2(Tokens.forRoles("call-handler")).queryParam("disposition", "Dx97")
                .queryParam("postcode", "EX1").queryParam("age", 20).queryParam("sex", "female")
                .queryParam("at", "2026-11-23T10:00:00Z").when().get("/directory/search")
                .then().statusCode(200).body("services.id", equalTo(List.of("exe-good-2")));
    }

    @Test
    void aCsvWithoutTheRequiredColumnsIsRefusedWhole() {
        given().auth().oauth2(MANAGER).contentType("text/csv").body("service_id,name\nx,y\n")
                .when().post("/directory/import/csv")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("organisation_id, type, referral_methods"));
        given().auth().oauth2(Tokens.forRoles("call-handler")).contentType("text/csv").body(Api.CSV_HEADER)
                .when().post("/directory/import/csv").then().statusCode(403);
    }

    @Test
    void hsdsImportsRejectingBadEntitiesAndTheExportRoundTrips() throws Exception {
        String doc = """
                {"organizations": [{"id": "exe-hsds-org", "name": "Exeter Open Referral Trust"}, {"name": "no id"}],
                 "locations": [
                   {"id": "exe-hsds-loc-1", "name": "Royal Devon Test Site", "latitude": 50.7170, "longitude": -3.5060,
                    "addresses": [{"address_1": "Barrack Road", "city": "Exeter", "postal_code": "EX2 5DW", "country": "GB"}]},
                   {"id": "exe-hsds-loc-bad", "name": "Nowhere", "latitude": "north"}],
                 "services": [
                   {"id": "exe-hsds-ooh", "organization_id": "exe-hsds-org", "name": "Exeter Test Out of Hours",
                    "status": "active", "minimum_age": 0, "maximum_age": 130,
                    "attributes": [
                      {"taxonomy_term": {"vocabulary": "switchboard-service-type", "code": "gp-out-of-hours"}},
                      {"taxonomy_term": {"vocabulary": "switchboard-disposition", "code": "Dx05"}},
                      {"taxonomy_term": {"vocabulary": "switchboard-disposition", "code": "Dx11"}},
                      {"taxonomy_term": {"vocabulary": "switchboard-referral-method", "code": "electronic"}},
                      {"taxonomy_term": {"vocabulary": "switchboard-referral-method", "code": "telephone"}},
                      {"taxonomy_term": {"vocabulary": "switchboard-region", "code": "exeter-test"}}],
                    "phones": [{"number": "01392 000100"}],
                    "service_at_locations": [{"location_id": "exe-hsds-loc-1"}],
                    "schedules": [
                      {"freq": "WEEKLY", "byday": "MO,TU,WE,TH,FR", "opens_at": "18:30", "closes_at": "08:00"},
                      {"freq": "WEEKLY", "byday": "SA,SU", "opens_at": "00:00", "closes_at": "24:00"},
                      {"opens_at": "00:00", "closes_at": "24:00",
                       "attributes": [{"taxonomy_term": {"vocabulary": "switchboard-schedule", "code": "bank-holiday"}}]},
                      {"valid_from": "2026-12-24", "valid_to": "2026-12-24",
                       "attributes": [{"taxonomy_term": {"vocabulary": "switchboard-schedule", "code": "closed"}}]}],
                    "service_capacity": [{"unit": {"name": "switchboard-capacity-rag"}, "available": 1, "maximum": 2,
                                          "description": "amber"}]},
                   {"id": "exe-hsds-notype", "organization_id": "exe-hsds-org", "name": "No type",
                    "attributes": [{"taxonomy_term": {"vocabulary": "switchboard-referral-method", "code": "telephone"}}],
                    "service_at_locations": [{"location_id": "exe-hsds-loc-1"}]},
                   {"id": "exe-hsds-badloc", "organization_id": "exe-hsds-org", "name": "Bad location",
                    "attributes": [{"taxonomy_term": {"vocabulary": "switchboard-service-type", "code": "pharmacy"}},
                      {"taxonomy_term": {"vocabulary": "switchboard-referral-method", "code": "telephone"}}],
                    "service_at_locations": [{"location_id": "exe-hsds-loc-bad"}],
                    "schedules": [{"freq": "WEEKLY", "byday": "XX", "opens_at": "9am", "closes_at": "17:00"}]}]}
                """;
        given().auth().oauth2(MANAGER).contentType("application/json").body(doc).when().post("/directory/import/hsds")
                .then().statusCode(200).body("read", equalTo(3)).body("loaded", equalTo(1))
                .body("rejected.find { it.entity == 'organizations' }.index", equalTo(1))
                .body("rejected.find { it.entity == 'locations' }.id", equalTo("exe-hsds-loc-bad"))
                .body("rejected.find { it.id == 'exe-hsds-notype' }.reason",
                        containsString("exactly one attribute of vocabulary switchboard-service-type"))
                .body("rejected.find { it.id == 'exe-hsds-badloc' }.reason",
                        containsString("its location exe-hsds-loc-bad was rejected"))
                .body("rejected.find { it.id == 'exe-hsds-badloc' }.reason", containsString("byday 'XX'"));

        given().auth().oauth2(Tokens.forRoles("call-handler")).when().get("/directory/services/exe-hsds-ooh")
                .then().statusCode(200).body("openingTimes.friday", equalTo(List.of("18:30-08:00")))
                .body("openingTimes.bankHoliday", equalTo(List.of("00:00-24:00")))
                .body("telephone", equalTo("01392 000100")).body("capacity.status", equalTo("amber"));

        String exported = given().auth().oauth2(Tokens.forRoles("directory-reader"))
                .queryParam("region", "exeter-test").when().get("/directory/export/hsds")
                .then().statusCode(200).body("services.id", hasItem("exe-hsds-ooh"))
                .extract().asString();
        JsonNode export = new ObjectMapper().readTree(exported);
        JsonNode ooh = null;
        for (JsonNode s : export.get("services")) {
            if (s.get("id").asText().equals("exe-hsds-ooh")) {
                ooh = s;
            }
        }
        assertThat(ooh).isNotNull();
        List<String> attributes = new ArrayList<>();
        ooh.get("attributes").forEach(a -> attributes.add(a.at("/taxonomy_term/vocabulary").asText() + "="
                + a.at("/taxonomy_term/code").asText()));
        assertThat(attributes).contains("switchboard-service-type=gp-out-of-hours", "switchboard-disposition=Dx05",
                "switchboard-disposition=Dx11", "switchboard-referral-method=electronic", "switchboard-region=exeter-test");
        assertThat(ooh.get("schedules")).hasSize(5 + 2 + 1 + 1);
        assertThat(ooh.at("/service_capacity/0/description").asText()).isEqualTo("amber");
        assertThat(ooh.at("/service_capacity/0/available").asInt()).isEqualTo(1);
        assertThat(export.get("locations").findValuesAsText("id")).contains("exe-hsds-loc-1");

        given().auth().oauth2(MANAGER).contentType("application/json").body(exported).when()
                .post("/directory/import/hsds")
                .then().statusCode(200).body("loaded", equalTo(export.get("services").size()))
                .body("rejected.size()", equalTo(0));
        given().auth().oauth2(Tokens.forRoles("call-handler")).when().get("/directory/services/exe-hsds-ooh")
                .then().statusCode(200).body("specifiedDates.'2026-12-24'", equalTo(List.of("closed")))
                .body("openingTimes.saturday", equalTo(List.of("00:00-24:00")));
    }
}
