package io.github.skyvernstarter.webhook;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequestWrapper;
import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ServletSkyvernWebhookHandler} on its own: which deliveries are read on the
 * request's thread and which go through async processing with a deadline.
 */
class ServletSkyvernWebhookHandlerTests {

	private static final Duration BODY_READ_TIMEOUT = Duration.ofSeconds(10);

	private final List<Object> events = new ArrayList<>();

	private final SkyvernWebhookBodyBudget budget = new SkyvernWebhookBodyBudget(64 * 1024 * 1024);

	private final CountingVirtualTimeScheduler timer = new CountingVirtualTimeScheduler();

	private final ServletSkyvernWebhookHandler handler = new ServletSkyvernWebhookHandler(
			SkyvernWebhookReceiver
				.builder(new SkyvernWebhookVerifier(List.of(AbstractSkyvernWebhookReceiverTests.API_KEY)),
						new InMemorySkyvernWebhookIdempotencyStore(Duration.ofMinutes(10), 100), this.events::add)
				.build(),
			this.budget, BODY_READ_TIMEOUT, this.timer);

	@Test
	void answersASmallBodyThatArrivedWithItsHeadersOnTheRequestThreadWithoutADeadline() throws IOException {
		byte[] body = AbstractSkyvernWebhookReceiverTests.runBody("wr_arrived", "completed");
		MockHttpServletRequest request = delivery(body);
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.handler.handleRequest(request, response);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(request.getAsyncContext()).isNull();
		assertThat(this.timer.delays()).isZero();
		assertThat(this.events).singleElement()
			.extracting((event) -> ((SkyvernRunFinishedEvent) event).getRun().runId())
			.isEqualTo("wr_arrived");
		assertThat(this.budget.getUsed()).isZero();
	}

	@Test
	void readsABodyThatHasNotArrivedYetWithoutBlocking() throws IOException {
		byte[] body = AbstractSkyvernWebhookReceiverTests.runBody("wr_not_arrived", "completed");
		MockHttpServletRequest request = delivery(body);
		MockHttpServletResponse response = new MockHttpServletResponse();
		// Nothing can be read without blocking: the body is left to the non-blocking read.
		this.handler.handleRequest(new HttpServletRequestWrapper(request) {

			@Override
			public ServletInputStream getInputStream() {
				return new NothingArrivedYet();
			}

		}, response);
		assertThat(request.isAsyncStarted()).isTrue();
		assertThat(this.timer.delays()).isOne();
		assertThat(this.events).isEmpty();
	}

	@Test
	void refusesAnUnsignedSmallBodyUnreadAndClosesTheConnection() throws IOException {
		byte[] body = AbstractSkyvernWebhookReceiverTests.runBody("wr_unsigned", "completed");
		MockHttpServletRequest request = delivery(body);
		request.removeHeader("x-skyvern-signature");
		MockHttpServletResponse response = new MockHttpServletResponse();
		this.handler.handleRequest(request, response);
		assertThat(response.getStatus()).isEqualTo(401);
		assertThat(request.getAsyncContext()).isNotNull();
		assertThat(response.getHeader("Connection")).isEqualTo("close");
		assertThat(this.events).isEmpty();
	}

	private static MockHttpServletRequest delivery(byte[] body) {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/skyvern/webhooks");
		request.setAsyncSupported(true);
		for (Map.Entry<String, String> header : AbstractSkyvernWebhookReceiverTests.signed(body).entrySet()) {
			request.addHeader(header.getKey(), header.getValue());
		}
		request.setContentType("application/json");
		request.setContent(body);
		request.addHeader("Content-Length", Integer.toString(body.length));
		return request;
	}

	/**
	 * A stream whose bytes have not arrived: a non-blocking read would be told when they do.
	 */
	private static final class NothingArrivedYet extends ServletInputStream {

		private final ByteArrayInputStream none = new ByteArrayInputStream(new byte[0]);

		@Override
		public int read() {
			throw new AssertionError("Must not block for bytes that have not arrived");
		}

		@Override
		public int available() {
			return 0;
		}

		@Override
		public boolean isFinished() {
			return false;
		}

		@Override
		public boolean isReady() {
			return false;
		}

		@Override
		public void setReadListener(ReadListener listener) {
			// Bytes arrive later, if ever.
		}

	}

}
