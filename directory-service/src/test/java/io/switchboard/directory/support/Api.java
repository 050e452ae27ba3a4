package io.switchboard.directory.support;

import static io.restassured.RestAssured.given;

import io.switchboard.testsupport.Tokens;

/** REST calls the tests share. */
public final class Api {

    public static final String CSV_HEADER = "service_id,organisation_id,organisation_name,name,type,region,active,"
            + "min_age,max_age,sex,symptom_groups,dispositions,referral_methods,telephone,postcode,latitude,longitude,"
            + "mon,tue,wed,thu,fri,sat,sun,bank_holiday,closed_dates\n";

    private Api() {
    }

    /** Imports CSV rows (after the standard header) as a service manager; the import answers once searchable. */
    public static void importCsv(String rows) {
        given().auth().oauth2(Tokens.forRoles("service-manager")).contentType("text/csv").body(CSV_HEADER + rows)
                .when().post("/directory/import/csv").then().statusCode(200);
    }

    public static void setCapacity(String serviceId, String body) {
        given().auth().oauth2(Tokens.forRoles("service-manager")).contentType("application/json").body(body)
                .when().put("/directory/services/" + serviceId + "/capacity").then().statusCode(200);
    }
}
