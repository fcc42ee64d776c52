package io.github.skyvernstarter.docs.quickstart;

import java.util.List;
import java.util.Map;

import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunSummary;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.test.AutoConfigureSkyvernStub;
import io.github.skyvernstarter.test.SkyvernStub;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The test kit's tasks, run listings and ambiguous run starts, as docs/testing.md and docs/tasks.md
 * show them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@AutoConfigureSkyvernStub
class TasksAndRunStartsTestKitTests {

	@Autowired
	private SkyvernStub skyvern;

	@Autowired
	private SkyvernWorkflowOperations template;

	@Test
	void stubsATaskAndAssertsItsRequest() {
		// tag::tasks[]
		this.skyvern.tasks().completesWith(Map.of("title", "Show HN", "points", 42)).afterPolls(2);
		SkyvernRun run = this.template.runTask(TaskRunRequest.builder("Find the top post")
			.url("https://news.ycombinator.com")
			.waitForCompletion(null)
			.build());
		assertThat(run.runId()).startsWith("tsk_");
		this.skyvern.tasks().assertStarted().hasPrompt("Find the top post").hasUrl("https://news.ycombinator.com");
		// end::tasks[]
		assertThat(run.output().get("points").asInt()).isEqualTo(42);
	}

	@Test
	void listsRunsByTag() {
		// tag::listing[]
		this.template.runWorkflow(RunWorkflowRequest.builder("wpid_invoice")
			.runMetadata(Map.of("customer", "acme"))
			.build());
		List<RunSummary> runs = this.template.findRuns(RunQuery.builder().tag("customer", "acme").build(), 50)
			.toList();
		// end::listing[]
		assertThat(runs).singleElement().satisfies((summary) -> assertThat(summary.workflowId()).isEqualTo("wpid_invoice"));
	}

	@Test
	void ambiguousRunStartIsResolvedWithoutADuplicate() {
		// tag::ambiguous[]
		this.skyvern.failNextRunStartAfterCreating(); // the run is created, then the answer is a 503
		SkyvernRun run = this.template.runWorkflow(RunWorkflowRequest.builder("wpid_invoice").build());
		assertThat(this.skyvern.assertRunStarted("wpid_invoice").runId()).isEqualTo(run.runId());
		// end::ambiguous[]
		assertThat(this.skyvern.runRequests()).hasSize(1);
	}

}
