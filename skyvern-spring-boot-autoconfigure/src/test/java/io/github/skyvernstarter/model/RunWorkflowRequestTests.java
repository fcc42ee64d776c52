package io.github.skyvernstarter.model;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for the checks {@link RunWorkflowRequest} makes before anything is sent.
 */
class RunWorkflowRequestTests {

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "\t\n" })
	void rejectsBlankWorkflowId(String workflowId) {
		assertThatIllegalArgumentException().isThrownBy(() -> RunWorkflowRequest.builder(workflowId).build())
			.withMessageContaining("workflowId");
	}

	@Test
	void rejectsNullWorkflowId() {
		assertThatIllegalArgumentException().isThrownBy(() -> RunWorkflowRequest.builder(null).build())
			.withMessageContaining("workflowId");
	}

	@Test
	void rejectsWorkflowIdBlankedThroughBuilder() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunWorkflowRequest.builder("wpid_1").workflowId(" ").build())
			.withMessageContaining("workflowId");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 60, 480 })
	void acceptsMaxElapsedTimeMinutesFromOneTo480(int minutes) {
		assertThat(RunWorkflowRequest.builder("wpid_1").maxElapsedTimeMinutes(minutes).build().maxElapsedTimeMinutes())
			.isEqualTo(minutes);
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 0, 481, 10_000 })
	void rejectsMaxElapsedTimeMinutesOutsideOneTo480(int minutes) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunWorkflowRequest.builder("wpid_1").maxElapsedTimeMinutes(minutes).build())
			.withMessageContaining("maxElapsedTimeMinutes")
			.withMessageContaining("480");
	}

	@ParameterizedTest
	@ValueSource(strings = { "skyvern-ui", "skyvern-mcp", "Skyvern-UI", " skyvern-mcp " })
	void rejectsUserAgentsReservedBySkyvern(String userAgent) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunWorkflowRequest.builder("wpid_1").userAgent(userAgent).build())
			.withMessageContaining("reserved");
	}

	@Test
	void acceptsOrdinaryUserAgent() {
		String userAgent = "Mozilla/5.0 (X11; Linux x86_64) skyvern-ui-lookalike";
		assertThat(RunWorkflowRequest.builder("wpid_1").userAgent(userAgent).build().userAgent()).isEqualTo(userAgent);
	}

	@Test
	void acceptsTwentyRunMetadataEntries() {
		assertThatNoException()
			.isThrownBy(() -> RunWorkflowRequest.builder("wpid_1").runMetadata(metadata(20)).build());
	}

	@Test
	void rejectsMoreThanTwentyRunMetadataEntries() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunWorkflowRequest.builder("wpid_1").runMetadata(metadata(21)).build())
			.withMessageContaining("runMetadata")
			.withMessageContaining("20");
	}

	@Test
	void rejectsMoreThanTwentyRunMetadataEntriesAddedInSteps() {
		RunWorkflowRequest.Builder builder = RunWorkflowRequest.builder("wpid_1").runMetadata(metadata(15));
		builder.runMetadata(Map.of("k15", "v", "k16", "v", "k17", "v", "k18", "v", "k19", "v", "k20", "v"));
		assertThatIllegalArgumentException().isThrownBy(builder::build).withMessageContaining("runMetadata");
	}

	@ParameterizedTest
	@ValueSource(strings = { "agent", "code" })
	void acceptsRunWithAgentOrCode(String runWith) {
		assertThat(RunWorkflowRequest.builder("wpid_1").runWith(runWith).build().runWith()).isEqualTo(runWith);
	}

	@Test
	void rejectsOtherRunWith() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunWorkflowRequest.builder("wpid_1").runWith("robot").build())
			.withMessageContaining("runWith");
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, -5 })
	void rejectsNonPositiveMaxStepsOverride(int steps) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunWorkflowRequest.builder("wpid_1").maxStepsOverride(steps).build())
			.withMessageContaining("maxStepsOverride");
	}

	@Test
	void rejectsNonPositiveWaitTimeout() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RunWorkflowRequest.builder("wpid_1").waitTimeout(Duration.ZERO).build())
			.withMessageContaining("waitTimeout");
	}

	@Test
	void waitTimeoutImpliesWaiting() {
		RunWorkflowRequest request = RunWorkflowRequest.builder("wpid_1").waitTimeout(Duration.ofMinutes(5)).build();
		assertThat(request.waitForCompletion()).isTrue();
		assertThat(request.waitTimeout()).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void isImmutableAfterBuild() {
		Map<String, Object> parameters = new HashMap<>(Map.of("a", 1));
		RunWorkflowRequest.Builder builder = RunWorkflowRequest.builder("wpid_1").parameters(parameters);
		RunWorkflowRequest request = builder.build();
		parameters.put("b", 2);
		builder.parameter("c", 3);
		assertThat(request.parameters()).containsOnlyKeys("a");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> request.parameters().put("d", 4));
	}

	@Test
	void keepsNullParameterValues() {
		RunWorkflowRequest request = RunWorkflowRequest.builder("wpid_1").parameter("optional", null).build();
		assertThat(request.parameters()).containsEntry("optional", null);
	}

	@Test
	void toBuilderCopiesEveryValue() {
		RunWorkflowRequest request = RunWorkflowRequest.builder("wpid_1")
			.parameter("month", "2026-07")
			.waitTimeout(Duration.ofMinutes(3))
			.runWith("code")
			.aiFallback(true)
			.browserSessionId("pbs_1")
			.browserProfileId("bp_1")
			.proxyLocation(ProxyLocation.geo("DE", null, "Berlin"))
			.maxStepsOverride(7)
			.webhookUrl("https://hooks.example.com/skyvern")
			.title("Invoices")
			.totpIdentifier("billing@example.com")
			.totpUrl("https://totp.example.com")
			.template(true)
			.userAgent("Mozilla/5.0")
			.extraHttpHeaders(Map.of("Accept-Language", "de"))
			.maxScreenshotScrolls(2)
			.browserAddress("ws://127.0.0.1:9222/devtools/browser/1")
			.reuseBrowserSession(true)
			.startFreshBrowser(false)
			.maxElapsedTimeMinutes(30)
			.cdpConnectHeaders(Map.of("x-api-key", "browser-provider-key"))
			.runMetadata(Map.of("tenant", "acme"))
			.build();
		assertThat(request.toBuilder().build()).isEqualTo(request);
	}

	private static Map<String, String> metadata(int size) {
		Map<String, String> metadata = new LinkedHashMap<>();
		for (int i = 0; i < size; i++) {
			metadata.put("k" + i, "v" + i);
		}
		return metadata;
	}

}
