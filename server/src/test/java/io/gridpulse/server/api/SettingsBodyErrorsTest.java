package io.gridpulse.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.server.TestServer;
import io.gridpulse.server.auth.Scope;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Settings bodies that `gridpulse bench fuzz` found answered with a 500 (malformed JSON, not an
 * object) or accepted although every bill after them would fail (a tariff nobody knows): now a
 * 400 naming what is wrong, and the settings stay as they were.
 */
class SettingsBodyErrorsTest {
    private static final String ADMIN = "settings-admin-key-0123456";

    @TempDir
    Path dir;

    @Test
    void malformedSettingsAndUnknownTariffsAreRefusedWith400() throws Exception {
        try (TestServer t = TestServer.start(dir, ADMIN, Scope.ADMIN)) {
            long now = System.currentTimeMillis();
            assertThat(t.send("POST", "/api/v1/meters/m1/readings", "{\"ts\":" + now + ",\"powerW\":5}", ADMIN).statusCode())
                    .isEqualTo(200);
            for (String body : new String[] {"{\"tariffId\":\"kepco-residential-low\",\"budgetWon}", "[1,2]", "null", ""}) {
                for (String path : new String[] {"/api/v1/meters/m1", "/api/v1/retention"}) {
                    HttpResponse<String> response = t.send("PUT", path, body, ADMIN);
                    assertThat(response.statusCode()).as(path + " " + body + ": " + response.body()).isEqualTo(400);
                    assertThat(response.body()).contains("\"field\":\"body\"");
                }
            }
            assertThat(t.send("PUT", "/api/v1/meters/m1", "{\"budgetWon\":1e99999999999}", ADMIN).body()).contains("budgetWon");
            HttpResponse<String> unknown = t.send("PUT", "/api/v1/meters/m1", "{\"tariffId\":\"kepco-residen%00tial-low\"}", ADMIN);
            assertThat(unknown.statusCode()).isEqualTo(400);
            assertThat(unknown.body()).contains("unknown tariff").contains("kepco-residential-low");
            assertThat(t.send("GET", "/api/v1/meters/m1", null, ADMIN).body()).contains("\"tariffId\":\"kepco-residential-low\"");
            assertThat(t.send("GET", "/api/v1/meters/m1/bill", null, ADMIN).statusCode()).isEqualTo(200);
        }
    }
}
