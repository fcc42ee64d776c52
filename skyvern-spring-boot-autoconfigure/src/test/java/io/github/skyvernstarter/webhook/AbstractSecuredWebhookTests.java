package io.github.skyvernstarter.webhook;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.skyvernstarter.webhook.WebhookVectors.Vector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the receiver in an application with Spring Security, on a real server: Skyvern's signed
 * deliveries get through, unsigned and forged ones get the receiver's 401, and every other path
 * keeps the application's login and CSRF protection. Subclasses choose the stack and the
 * application's security configuration.
 */
abstract class AbstractSecuredWebhookTests {

	/** A completed workflow run, as Skyvern's own signing code sent it. */
	static final Vector DELIVERY = WebhookVectors.all().get(1);

	static final String PATH = "/skyvern/webhooks";

	static final String USER = "alice";

	static final String PASSWORD = "wonderland-7";

	@LocalServerPort
	int port;

	@Autowired
	RunFinishedRecorder recorder;

	@Autowired
	SavedForms savedForms;

	@DynamicPropertySource
	static void securedApplicationProperties(DynamicPropertyRegistry registry) {
		registry.add("skyvern.api-key", DELIVERY::apiKey);
		registry.add("spring.security.user.name", () -> USER);
		registry.add("spring.security.user.password", () -> PASSWORD);
	}

	/** The application's context path or base path; empty if none. */
	String basePath() {
		return "";
	}

	/** How the application's users log in. */
	abstract Login login();

	@BeforeEach
	void resetRecorder() {
		this.recorder.reset();
		this.savedForms.count.set(0);
	}

	WebhookClient skyvern() {
		return new WebhookClient(this.port, basePath() + PATH);
	}

	BrowserClient browser() {
		return new BrowserClient(this.port, basePath());
	}

	/** A run-finished body of its own, so that no other test's delivery makes it a duplicate. */
	static byte[] runFinished(String runId) {
		return ("{\"run_id\":\"" + runId + "\",\"status\":\"completed\",\"output\":{\"total\":42}}")
			.getBytes(StandardCharsets.UTF_8);
	}

	static Map<String, String> signed(byte[] body) {
		return Map.of("Content-Type", "application/json", "x-skyvern-timestamp", "1787423713", "x-skyvern-signature",
				SkyvernWebhookVerifier.sign(body, DELIVERY.apiKey()));
	}

	@Test
	void acceptsASignedDeliveryWithoutLoginOrCsrfTokenAndPublishesIt() {
		HttpResponse<String> response = skyvern().post(DELIVERY.body(), DELIVERY.headers());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("ok");
		// No session is created for a server-to-server call.
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
		assertThat(this.recorder.events()).singleElement()
			.satisfies((event) -> assertThat(event.getBody()).isEqualTo(DELIVERY.body()));
	}

	@Test
	void answersAnUnsignedDeliveryWithTheReceiversOwn401AndPublishesNothing() {
		Map<String, String> headers = new LinkedHashMap<>(DELIVERY.headers());
		headers.keySet().removeIf("x-skyvern-signature"::equalsIgnoreCase);
		assertRefusedByTheReceiver(skyvern().post(DELIVERY.body(), headers));
	}

	@Test
	void answersAForgedDeliveryWithTheReceiversOwn401AndPublishesNothing() {
		byte[] forged = new String(DELIVERY.body(), StandardCharsets.UTF_8).replace("completed", "failed")
			.getBytes(StandardCharsets.UTF_8);
		Map<String, String> headers = new LinkedHashMap<>(DELIVERY.headers());
		assertRefusedByTheReceiver(skyvern().post(forged, headers));
		headers.put("x-skyvern-signature", SkyvernWebhookVerifier.sign(forged, "a-key-skyvern-does-not-hold"));
		assertRefusedByTheReceiver(skyvern().post(forged, headers));
	}

	@Test
	void answersASignedCodeRequestWithoutLoginOrCsrfToken(
			@Autowired TotpTestApplication.RecordingCodeProvider provider) {
		byte[] body = "{\"workflow_run_id\":\"wr_secured\"}".getBytes(StandardCharsets.UTF_8);
		provider.codes.put("wr_secured", "135790");
		HttpResponse<String> response = new WebhookClient(this.port, basePath() + "/skyvern/totp").post(body,
				signed(body));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"verification_code\":\"135790\"}");
		assertThat(response.headers().allValues("Set-Cookie")).isEmpty();
	}

	@Test
	void answersAnUnsignedCodeRequestWithTheReceiversOwn401(
			@Autowired TotpTestApplication.RecordingCodeProvider provider) {
		provider.reset();
		byte[] body = "{\"workflow_run_id\":\"wr_secured\"}".getBytes(StandardCharsets.UTF_8);
		HttpResponse<String> response = new WebhookClient(this.port, basePath() + "/skyvern/totp").post(body,
				Map.of("Content-Type", "application/json"));
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(provider.asked).isEmpty();
	}

	private void assertRefusedByTheReceiver(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		// Spring Security's 401 asks for credentials; the receiver's does not.
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
		assertThat(this.recorder.events()).isEmpty();
	}

	@Test
	void stillRequiresALoginForEveryOtherPath() {
		BrowserClient anonymous = browser();
		login().assertRequired(anonymous.get("/hello"), basePath());
		// The receiver's chain matches its path only, not what lies beside or below it.
		login().assertRequired(anonymous.get(PATH + "/other"), basePath());
		login().assertRequired(anonymous.get(PATH + "-other"), basePath());
		assertThat(login().logIn(browser()).get("/hello").body()).isEqualTo("hello");
	}

	@Test
	void stillRequiresTheCsrfTokenForTheApplicationsForms() {
		BrowserClient user = login().logIn(browser());
		// 403, or 401 where the 403's error page itself needs a login (Spring MVC with HTTP Basic).
		assertThat(user.postForm("/form", Map.of("item", "1"), Map.of()).statusCode()).isIn(401, 403);
		assertThat(this.savedForms.count).hasValue(0);
		String[] token = user.get("/csrf").body().split(":", 2);
		HttpResponse<String> withToken = user.postForm("/form", Map.of("item", "1"), Map.of(token[0], token[1]));
		assertThat(withToken.statusCode()).isEqualTo(200);
		assertThat(this.savedForms.count).hasValue(1);
	}

	/**
	 * How an application's users log in, and how it answers an anonymous request for a protected page.
	 */
	enum Login {

		/** HTTP Basic: 401 with a challenge. */
		BASIC {

			@Override
			void assertRequired(HttpResponse<String> response, String basePath) {
				assertThat(response.statusCode()).isEqualTo(401);
				assertThat(response.headers().firstValue("WWW-Authenticate"))
					.hasValueSatisfying((value) -> assertThat(value).startsWith("Basic"));
			}

			@Override
			BrowserClient logIn(BrowserClient client) {
				return client.basic(USER, PASSWORD);
			}

		},

		/** A login form: a redirect to it. */
		FORM {

			@Override
			void assertRequired(HttpResponse<String> response, String basePath) {
				assertThat(response.statusCode()).isEqualTo(302);
				assertThat(response.headers().firstValue("Location"))
					.hasValueSatisfying((value) -> assertThat(value).endsWith(basePath + "/login"));
			}

			@Override
			BrowserClient logIn(BrowserClient client) {
				return client.formLogin(USER, PASSWORD);
			}

		};

		abstract void assertRequired(HttpResponse<String> response, String basePath);

		abstract BrowserClient logIn(BrowserClient client);

	}

}
