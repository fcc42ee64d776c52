package io.github.skyvernstarter.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.SkyvernRunFinishedEvent;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;

/**
 * An application that receives Skyvern webhooks, as a user would write it; the tests start it three
 * times on one shared store.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableSkyvernWebhooks
class StoreTestApplication {

	@Bean
	Recorder recorder() {
		return new Recorder();
	}

	/**
	 * Records every event handled successfully, after a test-chosen behaviour (fail, block) for chosen
	 * runs.
	 */
	static class Recorder {

		private final List<SkyvernRunFinishedEvent> events = new CopyOnWriteArrayList<>();

		private final Map<String, Consumer<SkyvernRunFinishedEvent>> behaviours = new ConcurrentHashMap<>();

		@EventListener
		void onRunFinished(SkyvernRunFinishedEvent event) {
			Consumer<SkyvernRunFinishedEvent> behaviour = this.behaviours.remove(event.getRun().runId());
			if (behaviour != null) {
				behaviour.accept(event);
			}
			this.events.add(event);
		}

		List<SkyvernRunFinishedEvent> events(String runId) {
			return this.events.stream().filter((event) -> event.getRun().runId().equals(runId)).toList();
		}

		/** The behaviour runs once, on the next event of the run. */
		void once(String runId, Consumer<SkyvernRunFinishedEvent> behaviour) {
			this.behaviours.put(runId, behaviour);
		}

	}

}
