package io.github.skyvernstarter.test;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.github.skyvernstarter.fake.FakeSkyvern;
import io.github.skyvernstarter.model.RunStatus;
import org.jspecify.annotations.Nullable;

/**
 * A Skyvern API stub on a random loopback port: WireMock serving the fake Skyvern
 * ({@link FakeSkyvern}), which answers {@code POST /v1/run/agents}, {@code GET /v1/runs/{id}},
 * {@code POST /v1/run/tasks}, {@code GET /v1/runs} and Skyvern's other routes in Skyvern's JSON, records
 * the run requests it receives, and delivers signed run-finished webhooks. Runs move one step per status
 * poll, and webhooks go only when a test asks.
 * <p>
 * In Spring tests, {@link AutoConfigureSkyvernStub} starts one and makes it injectable; elsewhere call
 * {@link #start()} and {@link #close()}. Stubs added through {@link #wireMock()} take precedence over
 * the stub's own answers, for faults and delays.
 *
 * @since 0.1.0
 */
public final class SkyvernStub implements AutoCloseable {

	private static final int CATCH_ALL_PRIORITY = 100;

	private final FakeSkyvern fake;

	private final WireMockServer server;

	private final Clock clock;

	private SkyvernStub(Clock clock) {
		this.clock = clock;
		this.fake = FakeSkyvern.builder().clock(clock).build();
		this.server = new WireMockServer(WireMockConfiguration.options()
			.bindAddress("127.0.0.1")
			.dynamicPort()
			.gzipDisabled(true)
			// Skyvern's server speaks HTTP/1.1 on plain connections; no h2c upgrade.
			.http2PlainDisabled(true)
			.extensions(new SkyvernStubTransformer(this.fake)));
	}

	/**
	 * Start a stub on a random loopback port.
	 * @return the running stub
	 */
	public static SkyvernStub start() {
		return start(Clock.systemUTC());
	}

	/**
	 * Start a stub on a random loopback port whose timestamps come from the given clock.
	 * @param clock the clock for run timestamps and {@code x-skyvern-timestamp}
	 * @return the running stub
	 */
	public static SkyvernStub start(Clock clock) {
		SkyvernStub stub = new SkyvernStub(clock);
		stub.server.start();
		stub.addCatchAllMapping();
		return stub;
	}

	private void addCatchAllMapping() {
		this.server.stubFor(WireMock.any(WireMock.anyUrl())
			.atPriority(CATCH_ALL_PRIORITY)
			.willReturn(WireMock.aResponse().withTransformers(SkyvernStubTransformer.NAME)));
	}

	/**
	 * Return the URL to use as {@code skyvern.base-url}.
	 * @return the base URL, for example {@code http://127.0.0.1:54321}
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * Return the WireMock server behind the stub, to add faults or delays or to verify raw requests.
	 * @return the WireMock server
	 */
	public WireMockServer wireMock() {
		return this.server;
	}

	/**
	 * Stub how runs of the given workflow end, replacing any earlier stub for it.
	 * @param workflowId the workflow id ({@code wpid_...})
	 * @return the workflow's stub, to configure fluently
	 */
	public WorkflowStub stubWorkflow(String workflowId) {
		Objects.requireNonNull(workflowId, "workflowId must not be null");
		return new WorkflowStub(this.fake.workflow(workflowId));
	}

	/**
	 * Stub how runs of workflows without a stub of their own end; by default they complete on their
	 * first status poll with output {@code null}.
	 * @return the default stub, to configure fluently
	 */
	public WorkflowStub stubAnyWorkflow() {
		return new WorkflowStub(this.fake.anyWorkflow());
	}

	/**
	 * Return every request to start a run, in arrival order, including those answered with an error.
	 * @return the run requests
	 */
	public List<RecordedRunRequest> runRequests() {
		return this.fake.runStarts().stream().map(RecordedRunRequest::new).toList();
	}

	/**
	 * Return the requests that started a run, in arrival order.
	 * @return the started runs' requests
	 */
	public List<RecordedRunRequest> runsStarted() {
		return runRequests().stream().filter(RecordedRunRequest::started).toList();
	}

	/**
	 * Return the requests that started a run of the given workflow, in arrival order.
	 * @param workflowId the workflow id
	 * @return the started runs' requests
	 */
	public List<RecordedRunRequest> runsStarted(String workflowId) {
		return runsStarted().stream().filter((request) -> request.workflowId().equals(workflowId)).toList();
	}

	/**
	 * Assert that exactly one run of the given workflow was started, and return its request for more
	 * assertions.
	 * @param workflowId the workflow id
	 * @return the run's request
	 * @throws AssertionError if no run, or more than one, was started for the workflow
	 */
	public RecordedRunRequest assertRunStarted(String workflowId) {
		List<RecordedRunRequest> started = runsStarted(workflowId);
		if (started.size() != 1) {
			throw new AssertionError("Expected exactly one run of " + workflowId + " to be started, but "
					+ started.size() + " were; run requests received: " + StubMessages.describe(runRequests()));
		}
		return started.get(0);
	}

	/**
	 * Assert that no request to start a run arrived.
	 * @throws AssertionError if one did
	 */
	public void assertNoRunStarted() {
		List<RecordedRunRequest> requests = runRequests();
		if (!requests.isEmpty()) {
			throw new AssertionError("Expected no run to be started, but received: " + StubMessages.describe(requests));
		}
	}

	/**
	 * Assert that the given run was canceled through {@code POST /v1/runs/{id}/cancel}.
	 * @param runId the run id
	 * @throws AssertionError if it was not
	 */
	public void assertRunCanceled(String runId) {
		List<String> canceled = this.fake.canceledRuns();
		if (!canceled.contains(runId)) {
			throw new AssertionError("Expected run " + runId + " to be canceled, but canceled runs are " + canceled);
		}
	}

	/**
	 * Return the task runs' side ({@code POST /v1/run/tasks}): how task runs end, and the task requests
	 * received, with assertions.
	 * @return the task stub
	 */
	public TaskStub tasks() {
		return new TaskStub(this.fake);
	}

	/**
	 * Make the next run start (workflow or task) create its run and then answer 503, as a server failing
	 * on the way back: the run exists and carries its {@code run_metadata} tags (a 1.0-family task, its
	 * title token), so the starter's exactly-once lookup finds it rather than starting a second run. A
	 * {@code skyvern-2.0} task has no title to find it by: its start fails, and is not sent again.
	 * @return this stub
	 */
	public SkyvernStub failNextRunStartAfterCreating() {
		this.fake.failNextRunStart(503, true);
		return this;
	}

	/**
	 * Make the next run start (workflow or task) answer 503 without creating a run, so that the starter's
	 * lookup finds nothing and a workflow run start (or 1.0-family task start) is sent again; a
	 * {@code skyvern-2.0} task start fails.
	 * @return this stub
	 */
	public SkyvernStub failNextRunStartBeforeCreating() {
		this.fake.failNextRunStart(503, false);
		return this;
	}

	/**
	 * Return a run's status as the stub holds it, without counting a poll.
	 * @param runId the run id
	 * @return the status
	 * @throws IllegalArgumentException if the stub has no such run
	 */
	public RunStatus runStatus(String runId) {
		RunStatus status = this.fake.runStatus(runId);
		if (status == null) {
			throw new IllegalArgumentException("The Skyvern stub has no run " + runId);
		}
		return status;
	}

	/**
	 * Finish the run as its workflow stub says (if it has not finished) and deliver its signed
	 * run-finished webhook, as Skyvern does: to the run's {@code webhook_url} when that is a loopback
	 * address, else to the application under test ({@code skyvern.webhooks.path} on its port).
	 * @param runId the run id
	 * @return what was sent and the application's answer
	 * @throws AssertionError if the application did not answer 2xx
	 */
	public WebhookDelivery deliverRunFinished(String runId) {
		URI target = this.fake.webhookTarget(runId);
		if (target == null) {
			throw new IllegalStateException("Run " + runId + " has no loopback webhook_url and the stub knows no "
					+ "default webhook target: use a @SpringBootTest with a web server (RANDOM_PORT), call "
					+ "SkyvernStub.defaultWebhookTarget(URI), or pass the target");
		}
		return deliverRunFinished(runId, target);
	}

	/**
	 * Finish the run (if it has not finished) and deliver its signed run-finished webhook to the given
	 * URL.
	 * @param runId the run id
	 * @param target where to deliver it
	 * @return what was sent and the receiver's answer
	 * @throws AssertionError if the receiver did not answer 2xx
	 */
	public WebhookDelivery deliverRunFinished(String runId, URI target) {
		return StubMessages.accepted(WebhookDelivery.from(this.fake.deliverRunFinished(runId, target)));
	}

	/**
	 * Set where run-finished webhooks go when a run has no loopback {@code webhook_url}; in Spring tests
	 * this is the application under test.
	 * @param target the receiver's URL
	 * @return this stub
	 */
	public SkyvernStub defaultWebhookTarget(URI target) {
		this.fake.defaultWebhookTarget(() -> target);
		return this;
	}

	void defaultWebhookTarget(Supplier<@Nullable URI> target) {
		this.fake.defaultWebhookTarget(target);
	}

	/**
	 * Forget all workflow stubs, runs, recorded requests and WireMock stubs; done before each test
	 * method in Spring tests.
	 */
	public void reset() {
		this.fake.reset();
		this.server.resetAll();
		addCatchAllMapping();
	}

	/**
	 * Stop the stub's server.
	 */
	@Override
	public void close() {
		this.server.stop();
		this.fake.close();
	}

	/**
	 * Return Skyvern's 2FA side: the codes the application pushed, and signed requests for a run's code
	 * sent to the application's 2FA receiver.
	 * @return the 2FA stub
	 */
	public TwoFactorStub twoFactor() {
		return new TwoFactorStub(this.fake, this.clock);
	}

	@Override
	public String toString() {
		return "SkyvernStub[" + baseUrl() + "]";
	}

}
