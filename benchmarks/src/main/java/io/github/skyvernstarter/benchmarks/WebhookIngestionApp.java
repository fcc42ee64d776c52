package io.github.skyvernstarter.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.SkyvernRunFinishedEvent;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scenario 3 (application side): a Spring MVC application with the starter's webhook receiver and,
 * beside it, a bare {@code @PostMapping} that only answers 200 and the endpoint an application would
 * write by hand ({@link HandWrittenWebhookController}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableSkyvernWebhooks
@Import({ WebhookIngestionApp.BareController.class, HandWrittenWebhookController.class,
		WebhookIngestionApp.EventCounter.class })
public class WebhookIngestionApp {

	static final String BARE_PATH = "/bare";

	static final String EVENTS_PATH = "/bench/events";

	static final String HAND_WRITTEN_EVENTS_PATH = "/bench/hand-written-events";

	/**
	 * Serve until the process is ended.
	 * @param args none
	 * @throws InterruptedException never in practice: the process is ended from outside
	 */
	public static void main(String[] args) throws InterruptedException {
		ConfigurableApplicationContext context = start(Map.of("server.port", 0));
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		System.out.println("APP http://127.0.0.1:" + port);
		System.out.flush();
		new CountDownLatch(1).await();
	}

	static ConfigurableApplicationContext start(Map<String, Object> properties) {
		Map<String, Object> all = new LinkedHashMap<>();
		all.put("spring.main.banner-mode", "off");
		all.put("logging.level.root", "WARN");
		all.put("skyvern.api-key", ClientApp.API_KEY);
		all.put("skyvern.base-url", "http://127.0.0.1:9");
		all.putAll(properties);
		return new SpringApplicationBuilder(WebhookIngestionApp.class).properties(all).run();
	}

	@RestController
	static class BareController {

		@PostMapping(BARE_PATH)
		ResponseEntity<Void> bare() {
			return ResponseEntity.ok().build();
		}

	}

	@RestController
	static class EventCounter {

		private final LongAdder events = new LongAdder();

		private final LongAdder handWrittenEvents = new LongAdder();

		@EventListener
		void onRunFinished(SkyvernRunFinishedEvent event) {
			this.events.increment();
		}

		@EventListener
		void onHandWritten(HandWrittenWebhookController.RunFinished event) {
			this.handWrittenEvents.increment();
		}

		@GetMapping(HAND_WRITTEN_EVENTS_PATH)
		String handWrittenEvents() {
			return Long.toString(this.handWrittenEvents.sum());
		}

		@GetMapping(EVENTS_PATH)
		String events() {
			return Long.toString(this.events.sum());
		}

	}

}
