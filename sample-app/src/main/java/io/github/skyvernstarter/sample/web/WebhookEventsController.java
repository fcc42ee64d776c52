package io.github.skyvernstarter.sample.web;

import java.util.List;

import io.github.skyvernstarter.sample.webhook.ReceivedRuns;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the finished runs received by webhook, most recent first.
 */
@RestController
class WebhookEventsController {

	private final ReceivedRuns receivedRuns;

	WebhookEventsController(ReceivedRuns receivedRuns) {
		this.receivedRuns = receivedRuns;
	}

	@GetMapping("/webhooks/events")
	List<ReceivedRuns.ReceivedRun> events() {
		return this.receivedRuns.mostRecentFirst();
	}

}
