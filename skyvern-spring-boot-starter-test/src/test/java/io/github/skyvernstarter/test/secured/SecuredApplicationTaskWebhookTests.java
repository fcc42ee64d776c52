package io.github.skyvernstarter.test.secured;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.model.RunStatus;
import io.github.skyvernstarter.model.RunType;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.test.AutoConfigureSkyvernStub;
import io.github.skyvernstarter.test.RecordedTaskRequest;
import io.github.skyvernstarter.test.SkyvernStub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A task run's signed webhook ({@code run_id} {@code tsk_...}, a task {@code run_type}) reaches the
 * starter's receiver, is published as a {@code SkyvernRunFinishedEvent}, and ends a
 * {@code runTask(...)} that waits: polls are an hour apart here, so only the webhook can end the wait.
 */
@SpringBootTest(classes = SecuredApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "skyvern.webhooks.public-url=https://app.example.com")
@AutoConfigureSkyvernStub(pollInterval = "1h")
class SecuredApplicationTaskWebhookTests {

	@Autowired
	private SkyvernStub skyvern;

	@Autowired
	private SkyvernWorkflowTemplate template;

	@Autowired
	private SecuredApplication.FinishedRuns finishedRuns;

	@BeforeEach
	void clearEvents() {
		this.finishedRuns.runIds.clear();
		this.finishedRuns.events.clear();
	}

	@Test
	void taskWebhookIsPublishedAsARunFinishedEvent() {
		this.skyvern.tasks().completesWith(Map.of("price", "12.50"));
		SkyvernRun run = this.template.runTask(TaskRunRequest.builder("Find the price").url("https://shop.example.com").build());
		this.skyvern.tasks().assertStarted().hasBodyField("webhook_url", "https://app.example.com/skyvern/webhooks");
		this.skyvern.deliverRunFinished(run.runId());
		assertThat(this.finishedRuns.events).singleElement().satisfies((event) -> {
			assertThat(event.getRun().runId()).isEqualTo(run.runId()).startsWith("tsk_");
			assertThat(event.getRun().runType()).isEqualTo(RunType.TASK_V1);
			assertThat(event.getRun().status()).isEqualTo(RunStatus.COMPLETED);
			assertThat(event.getRun().output().get("price").asString()).isEqualTo("12.50");
		});
	}

	@Test
	void waitingTaskRunFinishesOnItsWebhook() {
		// Never final on a poll: only the webhook can end the wait.
		this.skyvern.tasks().afterPolls(1_000_000).completesWith("done");
		// Blocking on a common-pool thread, as applications do: on two cores with Java 25 that starved the JDK
		// HttpClient until the response timeout, before the blocking face waited with a managed block.
		CompletableFuture<SkyvernRun> waiting = CompletableFuture.supplyAsync(() -> this.template
			.runTask(TaskRunRequest.builder("Find the price").waitForCompletion(Duration.ofSeconds(30)).build()));
		await().atMost(Duration.ofSeconds(10)).until(() -> !this.skyvern.tasks().started().isEmpty());
		RecordedTaskRequest request = this.skyvern.tasks().assertStarted();
		this.skyvern.deliverRunFinished(request.runId());
		SkyvernRun finished = waiting.orTimeout(20, java.util.concurrent.TimeUnit.SECONDS).join();
		assertThat(finished.runId()).isEqualTo(request.runId());
		assertThat(finished.status()).isEqualTo(RunStatus.COMPLETED);
		assertThat(this.finishedRuns.runIds).containsExactly(request.runId());
	}

}
