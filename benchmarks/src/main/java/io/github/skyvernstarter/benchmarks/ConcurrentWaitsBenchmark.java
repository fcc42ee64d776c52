package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.github.skyvernstarter.client.ReactiveSkyvernWorkflowOperations;
import io.github.skyvernstarter.client.SkyvernWebClientCustomizer;
import io.github.skyvernstarter.client.SkyvernWorkflowTemplate;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Scenario 2 (client side): many concurrent {@code runWorkflow} calls that wait for completion,
 * against a {@link RunSimulator} in another JVM.
 * <p>
 * Mode {@code reactive} subscribes to every wait from one thread through
 * {@link ReactiveSkyvernWorkflowOperations}; mode {@code blocking} is the thread-per-wait baseline:
 * one platform thread per wait, each blocked in {@link SkyvernWorkflowTemplate}.
 */
public final class ConcurrentWaitsBenchmark {

	/** Counts answered run POSTs, so the heap is measured once every run is started and waiting. */
	static final AtomicLong runsStarted = new AtomicLong();

	private ConcurrentWaitsBenchmark() {
	}

	/**
	 * Run one batch of waits in this JVM.
	 * @param args result file, mode ({@code reactive} or {@code blocking}), number of waits, poll
	 * interval in milliseconds, simulator base URL, time limit in seconds, connector (see
	 * {@link Connectors})
	 * @throws Exception when the context cannot start
	 */
	public static void main(String[] args) throws Exception {
		Path resultFile = Path.of(args[0]);
		boolean blocking = args[1].equals("blocking");
		int waits = Integer.parseInt(args[2]);
		long pollMillis = Long.parseLong(args[3]);
		String simulator = args[4];
		long limitSeconds = Long.parseLong(args[5]);
		Class<?>[] connector = Connectors.configuration(args[6]);
		Class<?>[] extra = new Class<?>[connector.length + 1];
		extra[0] = CountingCustomizer.class;
		System.arraycopy(connector, 0, extra, 1, connector.length);
		Properties figures = new Properties();
		try (ConfigurableApplicationContext context = ClientApp.start(simulator,
				Map.of("skyvern.poll-interval", pollMillis + "ms", "skyvern.wait-timeout", limitSeconds + "s"),
				extra)) {
			WebClient control = context.getBean(WebClient.Builder.class).baseUrl(simulator).build();
			warmUp(context, control);
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long threadsBefore = threads.getThreadCount();
			long heapBefore = heapAfterGc();
			long rssBefore = residentKilobytes();
			threads.resetPeakThreadCount();
			runsStarted.set(0);
			Waits result = blocking ? blockingWaits(context.getBean(SkyvernWorkflowTemplate.class), waits)
					: reactiveWaits(context.getBean(ReactiveSkyvernWorkflowOperations.class), waits);
			Measurement[] during = result.awaitAndMeasure(waits, limitSeconds);
			long peakThreads = threads.getPeakThreadCount();
			String[] served = control.get().uri("/sim/stats").retrieve().bodyToMono(String.class).block().split(" ");
			figures.setProperty("waits", Integer.toString(waits));
			figures.setProperty("completed", Long.toString(result.completed.get()));
			figures.setProperty("failed", Long.toString(result.failed.get()));
			figures.setProperty("firstFailure", (result.firstFailure.get() != null) ? result.firstFailure.get() : "");
			figures.setProperty("notStarted", Long.toString(result.notStarted.get()));
			figures.setProperty("wallMillis", Long.toString(result.wallMillis));
			figures.setProperty("allStartedMillis", Long.toString(result.allStartedMillis));
			figures.setProperty("threadsBefore", Long.toString(threadsBefore));
			figures.setProperty("peakThreads", Long.toString(peakThreads));
			figures.setProperty("heapBefore", Long.toString(heapBefore));
			figures.setProperty("firstMeasuredMillis", Long.toString(result.firstMeasuredMillis));
			record(figures, "first", during[0]);
			record(figures, "allStarted", during[1]);
			figures.setProperty("rssBeforeKb", Long.toString(rssBefore));
			figures.setProperty("posts", served[0]);
			figures.setProperty("gets", served[1]);
		}
		Results.write(resultFile, figures);
		// Blocked threads of a failed baseline must not keep this JVM alive.
		System.exit(0);
	}

	private static void warmUp(ConfigurableApplicationContext context, WebClient control) {
		ReactiveSkyvernWorkflowOperations reactive = context.getBean(ReactiveSkyvernWorkflowOperations.class);
		Flux.range(0, 2000).flatMap((i) -> reactive.getRun("wr_warmup"), 16).blockLast();
		RunWorkflowRequest request = RunWorkflowRequest.builder("wpid_bench").build();
		Flux.range(0, 200).flatMap((i) -> reactive.runWorkflow(request), 16).blockLast();
		control.post().uri("/sim/reset").retrieve().bodyToMono(String.class).block();
	}

	private static RunWorkflowRequest waitingRequest() {
		return RunWorkflowRequest.builder("wpid_bench").parameter("account", "42").waitForCompletion().build();
	}

	private static Waits reactiveWaits(ReactiveSkyvernWorkflowOperations reactive, int waits) {
		Waits result = new Waits(waits);
		RunWorkflowRequest request = waitingRequest();
		// One subscription per wait, as independent callers make them (one flatMap over all of them
		// would scan every inner subscriber on each completion, a cost of the harness, not the client).
		for (int i = 0; i < waits; i++) {
			reactive.runWorkflow(request).subscribe((run) -> result.completed.incrementAndGet(), (ex) -> {
				result.failed(ex);
				result.done.countDown();
			}, result.done::countDown);
		}
		return result;
	}

	private static Waits blockingWaits(SkyvernWorkflowTemplate template, int waits) {
		Waits result = new Waits(waits);
		RunWorkflowRequest request = waitingRequest();
		for (int i = 0; i < waits; i++) {
			try {
				Thread thread = new Thread(() -> {
					try {
						template.runWorkflow(request);
						result.completed.incrementAndGet();
					}
					catch (Throwable ex) {
						result.failed(ex);
					}
					finally {
						result.done.countDown();
					}
				}, "wait-" + i);
				thread.setDaemon(true);
				thread.start();
			}
			catch (Throwable ex) {
				// Typically "unable to create native thread": the limit of this baseline.
				result.failed(ex);
				result.notStarted.addAndGet(waits - i);
				for (int j = i; j < waits; j++) {
					result.done.countDown();
				}
				break;
			}
		}
		return result;
	}

	private static void record(Properties figures, String moment, Measurement measurement) {
		figures.setProperty(moment + ".heap", Long.toString(measurement.heap()));
		figures.setProperty(moment + ".outstanding", Long.toString(measurement.outstanding()));
		figures.setProperty(moment + ".started", Long.toString(measurement.started()));
		figures.setProperty(moment + ".rssKb", Long.toString(measurement.rssKb()));
	}

	static long heapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	static long residentKilobytes() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("VmRSS:")) {
					return Long.parseLong(line.replaceAll("[^0-9]", ""));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// Not Linux: no RSS figure.
		}
		return -1;
	}

	record Measurement(long heap, long outstanding, long started, long rssKb) {

	}

	/**
	 * Progress of one batch of waits.
	 */
	static final class Waits {

		final AtomicLong completed = new AtomicLong();

		final AtomicLong failed = new AtomicLong();

		final AtomicLong notStarted = new AtomicLong();

		final AtomicReference<@Nullable String> firstFailure = new AtomicReference<>();

		final CountDownLatch done;

		final long start = System.nanoTime();

		long wallMillis;

		long firstMeasuredMillis = -1;

		long allStartedMillis = -1;

		Waits(int parties) {
			this.done = new CountDownLatch(parties);
		}

		void failed(Throwable ex) {
			this.failed.incrementAndGet();
			this.firstFailure.compareAndSet(null, ex.getClass().getSimpleName() + ": " + ex.getMessage());
		}

		/**
		 * Wait for the batch, measuring the heap twice: when every run has been started or the first
		 * call has ended, whichever comes first (the most calls are outstanding then, some still
		 * queued for a connection), and when every run has been started (every outstanding call is then
		 * a run being waited for).
		 */
		Measurement[] awaitAndMeasure(int waits, long limitSeconds) throws InterruptedException {
			Measurement first = null;
			Measurement allStarted = null;
			long deadline = this.start + TimeUnit.SECONDS.toNanos(limitSeconds);
			while (this.done.getCount() > 0 && System.nanoTime() < deadline) {
				long ended = ended();
				boolean everyRunStarted = runsStarted.get() >= waits;
				if (first == null && (everyRunStarted || ended > 0)) {
					first = measure(waits, ended);
					this.firstMeasuredMillis = elapsedMillis();
				}
				if (allStarted == null && everyRunStarted) {
					allStarted = (first.started() >= waits) ? first : measure(waits, ended);
					this.allStartedMillis = elapsedMillis();
				}
				this.done.await(20, TimeUnit.MILLISECONDS);
			}
			this.wallMillis = elapsedMillis();
			Measurement none = new Measurement(-1, 0, 0, -1);
			return new Measurement[] { (first != null) ? first : none, (allStarted != null) ? allStarted : none };
		}

		private Measurement measure(int waits, long endedBefore) {
			long started = runsStarted.get();
			long heap = heapAfterGc();
			// Calls may end during the collection: count the outstanding ones before and after it.
			long outstanding = waits - (endedBefore + ended()) / 2;
			return new Measurement(heap, outstanding, started, residentKilobytes());
		}

		private long ended() {
			return this.completed.get() + this.failed.get();
		}

		private long elapsedMillis() {
			return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - this.start);
		}

	}

	/**
	 * Counts answered run POSTs in the Skyvern WebClient.
	 */
	@Configuration(proxyBeanMethods = false)
	static class CountingCustomizer {

		@Bean
		SkyvernWebClientCustomizer countRunsStarted() {
			return (builder) -> builder.filter((request, next) -> next.exchange(request).doOnNext((response) -> {
				if (request.method() == HttpMethod.POST && request.url().getPath().equals("/v1/run/agents")) {
					runsStarted.incrementAndGet();
				}
			}));
		}

	}

}
