package io.github.skyvernstarter.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.skyvernstarter.client.SkyvernApiClient;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.webhook.SkyvernWebhookOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.web.reactive.function.client.WebClient;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SkyvernRunReconciler}: what one pass asks Skyvern and what it publishes.
 */
class SkyvernRunReconcilerTests {

	private static final Instant NOW = Instant.parse("2026-08-22T19:00:00Z");

	private final WireMockServer skyvern = new WireMockServer(options().dynamicPort());

	private final InMemorySkyvernRunRegistry registry = new InMemorySkyvernRunRegistry(1000);

	private final List<SkyvernRun> published = new CopyOnWriteArrayList<>();

	private static final SkyvernRunReconciler.Settings SETTINGS = new SkyvernRunReconciler.Settings("spring-app",
			"orders", Duration.ofMinutes(1), Duration.ofSeconds(30), Duration.ofHours(24), 2);

	private SkyvernApiClient client;

	private SkyvernRunReconciler reconciler;

	@BeforeEach
	void start() {
		this.skyvern.start();
		this.client = SkyvernApiClient
			.builder(WebClient.builder().baseUrl("http://127.0.0.1:" + this.skyvern.port()).build(), "sk-reconciler")
			.maxRetries(0)
			.build();
		this.reconciler = new SkyvernRunReconciler(this.registry, this.client, (run) -> {
			this.published.add(run);
			return SkyvernWebhookOutcome.ACCEPTED;
		}, SETTINGS, Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@AfterEach
	void stop() {
		this.skyvern.stop();
	}

	private static String run(String runId, String status, String finishedAt) {
		return "{\"run_id\":\"" + runId + "\",\"status\":\"" + status + "\",\"output\":{\"total\":42},"
				+ "\"run_type\":\"workflow_run\",\"finished_at\":\"" + finishedAt + "\"}";
	}

	private static String summary(String runId, String finishedAt) {
		return "{\"run_id\":\"" + runId + "\",\"status\":\"completed\",\"created_at\":\"2026-08-22T18:00:00\","
				+ "\"finished_at\":\"" + finishedAt + "\",\"workflow_deleted\":false,\"script_run\":false}";
	}

	@Test
	void listsTheApplicationsFinishedRunsByTagAndPublishesThoseInFlightOnce() {
		this.registry.register("wr_lost", NOW.minusSeconds(600));
		this.registry.register("wr_running", NOW.minusSeconds(600));
		this.skyvern.stubFor(get(urlPathEqualTo("/v1/runs")).willReturn(okJson("[" + summary("wr_lost", "2026-08-22T18:50:00")
				+ "," + summary("wr_not_ours", "2026-08-22T18:50:00") + "]")));
		this.skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_lost"))
			.willReturn(okJson(run("wr_lost", "completed", "2026-08-22T18:50:00"))));
		this.reconciler.run();
		assertThat(this.published).extracting(SkyvernRun::runId).containsExactly("wr_lost");
		assertThat(this.registry.inFlight(NOW, 10)).extracting(SkyvernRunRegistry.InFlightRun::runId)
			.containsExactly("wr_running");
		this.skyvern.verify(1, getRequestedFor(urlPathEqualTo("/v1/runs")).withQueryParam("tags",
				equalTo("spring-app:orders")));
		this.skyvern.verify(0, getRequestedFor(urlEqualTo("/v1/runs/wr_running")));
	}

	@Test
	void listsFinishedTaskRunsByRunTypeSinceTheyHaveNoTags() {
		this.registry.register("tsk_lost", NOW.minusSeconds(600));
		this.registry.register("tsk_v2_running", NOW.minusSeconds(600));
		this.registry.register("wr_running", NOW.minusSeconds(600));
		this.skyvern.stubFor(get(urlPathEqualTo("/v1/runs")).withQueryParam("tags", equalTo("spring-app:orders"))
			.willReturn(okJson("[]")));
		this.skyvern.stubFor(get(urlPathEqualTo("/v1/runs")).withQueryParam("run_type", equalTo("task_v1"))
			.willReturn(okJson("[" + summary("tsk_lost", "2026-08-22T18:50:00") + ","
					+ summary("tsk_other_app", "2026-08-22T18:50:00") + "]")));
		this.skyvern.stubFor(get(urlEqualTo("/v1/runs/tsk_lost"))
			.willReturn(okJson(run("tsk_lost", "completed", "2026-08-22T18:50:00"))));
		this.reconciler.run();
		assertThat(this.published).extracting(SkyvernRun::runId).containsExactly("tsk_lost");
		assertThat(this.registry.inFlight(NOW, 10)).extracting(SkyvernRunRegistry.InFlightRun::runId)
			.containsExactlyInAnyOrder("tsk_v2_running", "wr_running");
		// One listing per kind: the tag does not find tasks, and the task listing carries no tag.
		this.skyvern.verify(1, getRequestedFor(urlPathEqualTo("/v1/runs")).withQueryParam("tags",
				equalTo("spring-app:orders")));
		this.skyvern.verify(1, getRequestedFor(urlPathEqualTo("/v1/runs")).withoutQueryParam("tags")
			.withQueryParam("run_type", equalTo("task_v1"))
			.withQueryParam("run_type", equalTo("task_v2"))
			.withQueryParam("run_type", equalTo("openai_cua"))
			.withQueryParam("status", equalTo("completed")));
		this.skyvern.verify(0, getRequestedFor(urlPathMatching("/v1/runs/(tsk_v2_running|wr_running)")));
	}

	@Test
	void leavesARunThatFinishedWithinTheGraceToItsWebhook() {
		this.registry.register("wr_just_finished", NOW.minusSeconds(600));
		this.skyvern.stubFor(get(urlPathEqualTo("/v1/runs"))
			.willReturn(okJson("[" + summary("wr_just_finished", "2026-08-22T18:59:50") + "]")));
		this.reconciler.run();
		assertThat(this.published).isEmpty();
		this.skyvern.verify(0, getRequestedFor(urlEqualTo("/v1/runs/wr_just_finished")));
	}

	@Test
	void readsAtMostMaxReadsPerPassOneByOneWhenSkyvernRefusesTheTagFilter() {
		for (int i = 0; i < 5; i++) {
			this.registry.register("wr_" + i, NOW.minusSeconds(600 - i));
		}
		this.skyvern.stubFor(get(urlPathEqualTo("/v1/runs")).willReturn(aResponse().withStatus(403)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"detail\":\"Workflow tagging is not enabled for this organization.\"}")));
		this.skyvern.stubFor(get(urlPathMatching("/v1/runs/wr_.*"))
			.willReturn(okJson(run("wr_0", "completed", "2026-08-22T18:50:00"))));
		this.skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_1"))
			.willReturn(okJson(run("wr_1", "completed", "2026-08-22T18:50:00"))));
		this.reconciler.run();
		assertThat(this.published).extracting(SkyvernRun::runId).containsExactly("wr_0", "wr_1");
		this.reconciler.run();
		// The listing is not asked again, and each pass reads two runs at most.
		this.skyvern.verify(1, getRequestedFor(urlPathEqualTo("/v1/runs")));
		this.skyvern.verify(4, getRequestedFor(urlPathMatching("/v1/runs/wr_.*")));
	}

	@Test
	void readsOneByOneTheRunsOlderThanTheMostPagesAPassLists() {
		this.registry.register("wr_old", Instant.parse("2026-08-22T17:00:00Z"));
		StringBuilder page = new StringBuilder("[");
		for (int i = 0; i < SkyvernRunReconciler.PAGE_SIZE; i++) {
			page.append((i > 0) ? "," : "").append(summary("wr_delivered_" + i, "2026-08-22T18:50:00"));
		}
		this.skyvern.stubFor(get(urlPathEqualTo("/v1/runs")).willReturn(okJson(page.append("]").toString())));
		this.skyvern.stubFor(get(urlEqualTo("/v1/runs/wr_old"))
			.willReturn(okJson(run("wr_old", "completed", "2026-08-22T17:10:00"))));
		this.reconciler.run();
		this.skyvern.verify(SkyvernRunReconciler.MAX_PAGES, getRequestedFor(urlPathEqualTo("/v1/runs")));
		assertThat(this.published).extracting(SkyvernRun::runId).containsExactly("wr_old");
	}

	@Test
	void doesNothingWhileAnotherInstanceHoldsTheLease() {
		this.registry.register("wr_lost", NOW.minusSeconds(600));
		SkyvernRunRegistry leasedElsewhere = new SkyvernRunRegistry() {

			@Override
			public void register(String runId, Instant startedAt) {
			}

			@Override
			public void remove(String runId) {
			}

			@Override
			public List<InFlightRun> inFlight(Instant startedBefore, int limit) {
				return SkyvernRunReconcilerTests.this.registry.inFlight(startedBefore, limit);
			}

			@Override
			public boolean tryLease(String name, String owner, Duration duration) {
				return false;
			}

		};
		new SkyvernRunReconciler(leasedElsewhere, this.client, (run) -> SkyvernWebhookOutcome.ACCEPTED, SETTINGS,
				Clock.fixed(NOW, ZoneOffset.UTC))
			.run();
		assertThat(this.skyvern.getAllServeEvents()).isEmpty();
	}

}
