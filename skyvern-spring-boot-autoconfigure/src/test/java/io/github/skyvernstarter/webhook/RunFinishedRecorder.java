package io.github.skyvernstarter.webhook;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.springframework.context.event.EventListener;

/**
 * An application's listener, as users write it: records every event it handled successfully, and
 * runs a test-chosen behaviour (fail, block) for chosen runs first.
 */
class RunFinishedRecorder {

	private final List<SkyvernRunFinishedEvent> events = new CopyOnWriteArrayList<>();

	private final Map<String, Consumer<SkyvernRunFinishedEvent>> behaviours = new ConcurrentHashMap<>();

	@EventListener
	void onRunFinished(SkyvernRunFinishedEvent event) {
		Consumer<SkyvernRunFinishedEvent> behaviour = this.behaviours.get(event.getRun().runId());
		if (behaviour != null) {
			behaviour.accept(event);
		}
		this.events.add(event);
	}

	List<SkyvernRunFinishedEvent> events() {
		return this.events;
	}

	List<SkyvernRunFinishedEvent> events(String runId) {
		return this.events.stream().filter((event) -> event.getRun().runId().equals(runId)).toList();
	}

	void when(String runId, Consumer<SkyvernRunFinishedEvent> behaviour) {
		this.behaviours.put(runId, behaviour);
	}

	void reset() {
		this.events.clear();
		this.behaviours.clear();
	}

}
