package io.github.skyvernstarter.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.SkyvernWebhookBodyBudget;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Scenario 6 (application side): a Spring MVC application with the starter's webhook receiver, as
 * README configures it, that reports its heap and the receiver's body budget.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableSkyvernWebhooks
@Import({ WebhookIngestionApp.EventCounter.class, AttackedReceiverApp.HeapController.class })
public class AttackedReceiverApp {

	static final String HEAP_PATH = "/bench/heap";

	private static final HeapMonitor monitor = HeapMonitor.start(Long.getLong("bench.fullGcIntervalMillis", 0));

	/**
	 * Serve until the process is ended.
	 * @param args Spring Boot arguments, for example {@code --skyvern.webhooks.max-body-size=16MB}
	 * @throws InterruptedException never in practice: the process is ended from outside
	 */
	public static void main(String[] args) throws InterruptedException {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", 0);
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "WARN");
		properties.put("skyvern.api-key", ClientApp.API_KEY);
		properties.put("skyvern.base-url", "http://127.0.0.1:9");
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AttackedReceiverApp.class)
			.properties(properties)
			.run(args);
		// Absent when the class path holds a receiver without a budget, to compare with it.
		context.getBeanProvider(SkyvernWebhookBodyBudget.class).ifAvailable((budget) -> monitor.watch(budget::getUsed));
		int port = ((WebServerApplicationContext) context).getWebServer().getPort();
		System.out.println("APP http://127.0.0.1:" + port);
		System.out.flush();
		new CountDownLatch(1).await();
	}

	@RestController
	static class HeapController {

		/**
		 * The peaks since the last call, then start over.
		 */
		@GetMapping(HEAP_PATH)
		String heap() {
			return monitor.takePeaks();
		}

	}

}
