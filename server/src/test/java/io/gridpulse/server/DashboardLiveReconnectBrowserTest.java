package io.gridpulse.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.gridpulse.core.MeterId;
import io.gridpulse.core.MeterRef;
import io.gridpulse.core.Reading;
import io.gridpulse.core.TenantId;
import io.gridpulse.server.auth.Scope;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The live chart after its stream comes back: the server restarts on the same port, a reading is
 * stored before the browser's EventSource reconnects (so it is never pushed), and the dashboard
 * still shows it, because it fetches what it missed when the stream opens again.
 */
class DashboardLiveReconnectBrowserTest extends DashboardBrowserSupport {
    private static final String KEY = "reconnect-browser-key-0123456789";
    private static final MeterRef METER = new MeterRef(TenantId.DEFAULT, new MeterId("home-1"));

    @Test
    void readingsStoredWhileTheStreamWasAwayReachTheLiveChart() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        open(TestServer.start(dir, ServerConfig.defaults(port), Clock.systemUTC(), KEY, Scope.ADMIN));
        long now = System.currentTimeMillis() / 1000 * 1000;
        List<Reading> history = new ArrayList<>();
        for (long t = now - 300_000; t < now - 10_000; t += 1000) {
            history.add(Reading.ofPower(t, 300_000));
        }
        server.pipeline().ingest(METER, history);

        browser.get("http://localhost:" + port + "/#key=" + KEY);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(d -> d.findElement(By.id("nowW")).getText().equals("300"));
        wait.until(d -> server.live().subscriberCount() > 0);

        running.close(); // the stream ends; the page's EventSource retries by itself
        running = TestServer.unstarted(dir, ServerConfig.defaults(port), Clock.systemUTC()); // the key is kept in the store
        server = running.server;
        server.pipeline().ingest(METER, List.of(Reading.ofPower(now - 5_000, 4_321_000))); // before anyone can subscribe
        server.start();

        wait.until(d -> d.findElement(By.id("nowW")).getText().replace(",", "").equals("4321"));
        assertThat(server.live().subscriberCount()).isEqualTo(1);
        assertThat(browser.findElement(By.id("error")).isDisplayed()).isFalse();
    }
}
