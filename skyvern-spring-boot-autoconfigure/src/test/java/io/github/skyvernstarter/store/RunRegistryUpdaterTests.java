package io.github.skyvernstarter.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.SkyvernRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of where {@link RunRegistryUpdater} registers a started run: on the caller's thread for the
 * in-memory registry, on another thread for a registry that may block.
 */
class RunRegistryUpdaterTests {

	private static final Instant NOW = Instant.parse("2026-11-30T09:00:00Z");

	private final SkyvernRun run = SkyvernJson.mapper()
		.readValue("{\"run_id\":\"wr_1\",\"status\":\"created\"}", SkyvernRun.class);

	private final RunWorkflowRequest request = RunWorkflowRequest.builder("wpid_1").build();

	@Test
	void inMemoryRegistryRegistersOnTheCallersThread() {
		InMemorySkyvernRunRegistry registry = new InMemorySkyvernRunRegistry(10);
		// Subscribed, not waited for: the run is registered by the time subscribe returns.
		new RunRegistryUpdater(registry, Clock.fixed(NOW, ZoneOffset.UTC)).runStarted(this.run, this.request)
			.subscribe();
		assertThat(registry.inFlight(NOW.plusSeconds(1), 10))
			.containsExactly(new SkyvernRunRegistry.InFlightRun("wr_1", NOW));
	}

	@Test
	void registryThatMayBlockRegistersOffTheCallersThread() {
		Map<String, String> threads = new ConcurrentHashMap<>();
		SkyvernRunRegistry blocking = new SkyvernRunRegistry() {

			@Override
			public void register(String runId, Instant startedAt) {
				threads.put(runId, Thread.currentThread().getName());
			}

			@Override
			public void remove(String runId) {
			}

			@Override
			public List<InFlightRun> inFlight(Instant startedBefore, int limit) {
				return List.of();
			}

			@Override
			public boolean tryLease(String name, String owner, Duration duration) {
				return false;
			}

		};
		new RunRegistryUpdater(blocking, Clock.fixed(NOW, ZoneOffset.UTC)).runStarted(this.run, this.request).block();
		assertThat(threads.get("wr_1")).startsWith("boundedElastic-");
	}

}
