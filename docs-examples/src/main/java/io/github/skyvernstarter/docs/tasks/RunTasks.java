package io.github.skyvernstarter.docs.tasks;

import java.time.Duration;
import java.util.Map;

import io.github.skyvernstarter.client.SkyvernWorkflowOperations;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.TaskRunRequest;

class RunTasks {

	record TopPost(String title, int points) {
	}

	TopPost topPost(SkyvernWorkflowOperations skyvern) {
		// tag::run[]
		TaskRunRequest request = TaskRunRequest.builder("Find the top post on Hacker News")
			.url("https://news.ycombinator.com")
			.dataExtractionSchema(Map.of("type", "object", "properties",
					Map.of("title", Map.of("type", "string"), "points", Map.of("type", "integer"))))
			.maxSteps(10)
			.waitForCompletion(Duration.ofMinutes(5))
			.build();
		SkyvernRun run = skyvern.runTask(request);
		TopPost post = run.outputAs(TopPost.class);
		// end::run[]
		return post;
	}

}
