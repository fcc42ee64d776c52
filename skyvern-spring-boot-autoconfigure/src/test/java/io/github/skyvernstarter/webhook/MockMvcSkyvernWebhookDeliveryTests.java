package io.github.skyvernstarter.webhook;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The receiver under MockMvc, as an application's own tests post deliveries to it: MockMvc's request
 * supports async processing but not non-blocking reads, and reads from memory.
 */
@SpringBootTest(classes = WebhookTestApplication.class, properties = "spring.main.web-application-type=servlet")
@TestPropertySource(properties = "skyvern.api-key=" + AbstractSkyvernWebhookReceiverTests.API_KEY)
class MockMvcSkyvernWebhookDeliveryTests {

	@Autowired
	WebApplicationContext context;

	@Autowired
	RunFinishedRecorder recorder;

	MockMvc mvc;

	@BeforeEach
	void setUp() {
		this.mvc = MockMvcBuilders.webAppContextSetup(this.context).build();
		this.recorder.reset();
	}

	@Test
	void publishesASignedDeliveryAndRefusesAnUnsignedOne() throws Exception {
		byte[] body = AbstractSkyvernWebhookReceiverTests.runBody("wr_mock_mvc", "completed");
		this.mvc
			.perform(post("/skyvern/webhooks").contentType(MediaType.APPLICATION_JSON)
				.header("x-skyvern-signature", SkyvernWebhookVerifier.sign(body, AbstractSkyvernWebhookReceiverTests.API_KEY))
				.content(body))
			.andExpect(status().isOk())
			.andExpect(content().string("ok"));
		this.mvc.perform(post("/skyvern/webhooks").contentType(MediaType.APPLICATION_JSON).content(body))
			.andExpect(status().isUnauthorized());
		assertThat(this.recorder.events()).extracting((event) -> event.getRun().runId()).containsExactly("wr_mock_mvc");
	}

}
