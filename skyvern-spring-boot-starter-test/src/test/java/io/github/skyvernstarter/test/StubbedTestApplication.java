package io.github.skyvernstarter.test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The application the test kit's own Spring tests run: the starter's auto-configuration and a
 * controller that records what arrives at the webhook paths.
 * <p>
 * Spring Security's web auto-configuration is left out: the recording controller stands in for the
 * receiver, whose path only {@code @EnableSkyvernWebhooks} opens ({@code secured} tests the kit in
 * a secured application).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(
		excludeName = "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration")
@Import(StubbedTestApplication.RecordingWebhookController.class)
class StubbedTestApplication {

	@RestController
	static class RecordingWebhookController {

		final List<Map.Entry<String, HttpHeaders>> received = new CopyOnWriteArrayList<>();

		@PostMapping({ "/skyvern/webhooks", "/hooks/skyvern" })
		void receive(@RequestBody String body, @RequestHeader HttpHeaders headers) {
			this.received.add(Map.entry(body, headers));
		}

	}

}
