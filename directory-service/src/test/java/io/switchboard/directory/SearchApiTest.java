package io.switchboard.directory;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.switchboard.directory.support.Api;
import io.switchboard.testsupport.JwtTestResource;
import io.switchboard.testsupport.KafkaTestResource;
import io.switchboard.testsupport.PostgresTestResource;
import io.switchboard.testsupport.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The search over REST, on a small directory around Leeds (no other test puts services within 200 km). */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
@WithTestResource(PostgresTestResource.class)
@WithTestResource(JwtTestResource.class)
class SearchApiTest {

    private static final String MONDAY_10 = "2026-11-23T10:00:00Z";
    private static final String BOXING_DAY_SUBSTITUTE_10 = "2026-12-28T10:00:00Z";

    @BeforeEach
    void leeds() {
        Api.importCsv("""
                lds-utc,lds-trust,Leeds Test Trust,Leeds Test UTC,urgent-treatment-centre,,true,0,130,any,,Dx02;Dx05,walk-in;electronic,0113 000 0001,,53.8200,-1.5500,08:00-22:00,08:00-22:00,08:00-22:00,08:00-22:00,08:00-22:00,08:00-22:00,08:00-22:00,08:00-22:00,
                lds-gp,lds-practice,Leeds Test Practice,Leeds Test Surgery,gp-practice,,true,0,130,any,,Dx05,telephone;electronic,0113 000 0002,LS1,,,08:00-18:30,08:00-18:30,08:00-18:30,08:00-18:30,08:00-18:30,,,,
                lds-ooh,lds-ooh-org,Leeds Test OOH,Leeds Test Out of Hours,gp-out-of-hours,,true,0,130,any,,Dx05,electronic;telephone,0113 000 0003,,53.8500,-1.6000,18:30-08:00,18:30-08:00,18:30-08:00,18:30-08:00,18:30-08:00,24h,24h,24h,
                lds-ph,lds-ph-org,Leeds Test Pharmacies,Leeds Test Pharmacy,pharmacy,,true,0,130,any,,Dx28,electronic,0113 000 0004,,53.8000,-1.5400,09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00,09:00-18:00,,,,
                lds-teen,lds-ph-org,Leeds Test Pharmacies,Leeds Young People's Clinic,walk-in-centre,,true,0,15,any,,Dx05,walk-in,,,53.7900,-1.5500,24h,24h,24h,24h,24h,24h,24h,24h,
                """);
    }

    private static RequestSpecification handler() {
        return given().auth().oauth2(Tokens.forRoles("call-handler"));
    }

    @Test
    void findsOpenServicesAcceptingTheDispositionRankedAndExplainsTheGaps() {
        handler().queryParam("disposition", "Dx05").queryParam("postcode", "ls1 4ap").queryParam("age", 40)
                .queryParam("sex", "female").queryParam("at", MONDAY_10)
                .when().get("/directory/search")
                .then().statusCode(200)
                .body("disposition.name", equalTo("Contact a primary care service within 2 hours"))
                .body("disposition.timeframeMinutes", equalTo(120))
                .body("location.locatedBy", equalTo("postcode LS1 4AP"))
                .body("searchDistanceKm", equalTo(60.0f)).body("searchDistanceFrom", equalTo("national default"))
                .body("windowEnd", equalTo("2026-11-23T11:00:00Z"))
                .body("services.id", equalTo(java.util.List.of("lds-utc", "lds-gp")))
                .body("services[0].rank", equalTo(1)).body("services[1].rank", equalTo(2))
                .body("services[0].referralMethod", equalTo("walk-in"))
                .body("services[1].openNow", equalTo(true))
                .body("services[1].availableUntil", equalTo("2026-11-23T18:30:00Z"))
                .body("gaps.find { it.id == 'lds-ooh' }.criterion", equalTo("not-open-in-window"))
                .body("gaps.find { it.id == 'lds-teen' }.criterion", equalTo("age"))
                .body("gapCounts.age", equalTo(1))
                .body("services.id", not(hasItem("lds-ph")));
    }

    @Test
    void onABankHolidayOnlyServicesWithBankHolidaySessionsAreOpen() {
        handler().queryParam("disposition", "Dx05").queryParam("latitude", 53.7997).queryParam("longitude", -1.5492)
                .queryParam("age", 40).queryParam("sex", "male").queryParam("at", BOXING_DAY_SUBSTITUTE_10)
                .when().get("/directory/search")
                .then().statusCode(200)
                .body("location.locatedBy", equalTo("coordinates"))
                .body("services.id", equalTo(java.util.List.of("lds-utc", "lds-ooh")))
                .body("gaps.find { it.id == 'lds-gp' }.criterion", equalTo("not-open-in-window"));
    }

    @Test
    void anUnknownFullPostcodeFallsBackToItsDistrictAndStoredDistancesWin() {
        handler().queryParam("disposition", "Dx28").queryParam("postcode", "LS1 9ZZ").queryParam("age", 40)
                .queryParam("sex", "female").queryParam("at", MONDAY_10)
                .when().get("/directory/search")
                .then().statusCode(200).body("location.locatedBy", equalTo("postcode LS1"))
                .body("services.id", equalTo(java.util.List.of("lds-ph")));

        given().auth().oauth2(Tokens.forRoles("service-manager")).contentType("text/csv")
                .body("postcode,latitude,longitude,region,search_distance_km\nLS6 1AA,53.8195,-1.5780,,5\n"
                        + "NOT A POSTCODE,53.1,-1.1,,\nLS7 1AA,95,-1.5,,\n")
                .when().post("/directory/postcodes")
                .then().statusCode(200).body("loaded", equalTo(1))
                .body("rejected.row", equalTo(java.util.List.of(3, 4)))
                .body("rejected[0].reason", containsString("not a UK postcode"))
                .body("rejected[1].reason", containsString("latitude must be between -90 and 90"));

        handler().queryParam("disposition", "Dx05").queryParam("postcode", "LS6 1AA").queryParam("age", 40)
                .queryParam("sex", "female").queryParam("at", MONDAY_10).queryParam("distanceKm", 50)
                .when().get("/directory/search")
                .then().statusCode(200).body("searchDistanceKm", equalTo(5.0f))
                .body("searchDistanceFrom", equalTo("postcode table"));
    }

    @Test
    void aRegionsOwnCommissionerRankingApplies() {
        given().auth().oauth2(Tokens.forRoles("service-manager")).contentType("application/json")
                .body("{\"gp-practice\": 1, \"urgent-treatment-centre\": 3}")
                .when().put("/directory/commissioner-ranks/leeds-test")
                .then().statusCode(200).body("gp-practice", equalTo(1));
        handler().queryParam("disposition", "Dx05").queryParam("postcode", "LS1 4AP").queryParam("age", 40)
                .queryParam("sex", "female").queryParam("at", MONDAY_10).queryParam("region", "leeds-test")
                .when().get("/directory/search")
                .then().statusCode(200).body("services.id", equalTo(java.util.List.of("lds-gp", "lds-utc")))
                .body("region", equalTo("leeds-test"));
    }

    @Test
    void showsAServiceWithItsOpeningTimesAndTheCatalogue() {
        handler().when().get("/directory/services/lds-ooh")
                .then().statusCode(200).body("type", equalTo("gp-out-of-hours"))
                .body("openingTimes.monday", equalTo(java.util.List.of("18:30-08:00")))
                .body("openingTimes.bankHoliday", equalTo(java.util.List.of("00:00-24:00")))
                .body("capacity.status", equalTo("green"));
        handler().when().get("/directory/services/no-such-service").then().statusCode(404)
                .contentType("application/problem+json");
        handler().when().get("/directory/dispositions").then().statusCode(200)
                .body("code", hasItems("Dx02", "Dx05", "SBAMBC1"));
    }

    @Test
    void invalidSearchesGetProblemDetails() {
        handler().queryParam("postcode", "LS1 4AP").queryParam("age", 200).queryParam("sex", "other")
                .when().get("/directory/search")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItems("disposition", "age", "sex"));
        handler().queryParam("disposition", "Dx05").queryParam("latitude", 53.8).queryParam("age", 40)
                .queryParam("sex", "male").when().get("/directory/search")
                .then().statusCode(400).body("detail", containsString("both latitude and longitude"));
        handler().queryParam("disposition", "Dx05").queryParam("postcode", "ZZ99 9ZZ").queryParam("age", 40)
                .queryParam("sex", "male").when().get("/directory/search")
                .then().statusCode(422).body("type", equalTo("https://switchboard.io/problems/unknown-postcode"));
        handler().queryParam("disposition", "Dx999").queryParam("postcode", "LS1 4AP").queryParam("age", 40)
                .queryParam("sex", "male").when().get("/directory/search")
                .then().statusCode(422).body("type", equalTo("https://switchboard.io/problems/unknown-disposition"));
        handler().queryParam("disposition", "Dx05").queryParam("postcode", "LS1 4AP").queryParam("age", 40)
                .queryParam("sex", "male").queryParam("at", "tomorrow").when().get("/directory/search")
                .then().statusCode(400).body("detail", containsString("RFC 3339"));
    }

    @Test
    void onlyCallHandlersAndDirectoryReadersMaySearch() {
        given().queryParam("disposition", "Dx05").queryParam("postcode", "LS1 4AP").queryParam("age", 40)
                .queryParam("sex", "male").when().get("/directory/search")
                .then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(Tokens.forRoles("service-manager")).queryParam("disposition", "Dx05")
                .queryParam("postcode", "LS1 4AP").queryParam("age", 40).queryParam("sex", "male")
                .when().get("/directory/search").then().statusCode(403).body("title", equalTo("Forbidden"));
        given().auth().oauth2(Tokens.forRoles("directory-reader")).queryParam("disposition", "Dx05")
                .queryParam("postcode", "LS1 4AP").queryParam("age", 40).queryParam("sex", "male")
                .queryParam("at", MONDAY_10).when().get("/directory/search").then().statusCode(200)
                .body("services.id", hasItem("lds-utc"));
        given().auth().oauth2(Tokens.expired("call-handler")).when().get("/directory/services/lds-gp")
                .then().statusCode(401);
    }
}
