package io.github.skyvernstarter.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Peaks of one JVM's heap: the live heap (in use right after a full collection that this monitor
 * asks for at a fixed interval, if given one), the heap in use right after each of the JVM's own
 * collections (which, with G1, still counts old regions of garbage not yet collected), the heap in
 * use sampled every 5 ms (garbage included), and a gauge of the application's, such as the bytes a
 * webhook budget has reserved.
 * <p>
 * The live heap is what decides an {@link OutOfMemoryError}: a collector fills the heap with garbage
 * before it collects, and collects everything before it gives up.
 */
final class HeapMonitor {

	private final Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter((pool) -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.collect(Collectors.toSet());

	private final AtomicLong livePeak = new AtomicLong();

	private final AtomicLong afterGcPeak = new AtomicLong();

	private final AtomicLong usedPeak = new AtomicLong();

	private final AtomicLong gaugePeak = new AtomicLong();

	private final AtomicLong collections = new AtomicLong();

	private volatile LongSupplier gauge = () -> 0;

	private HeapMonitor() {
	}

	/**
	 * Start monitoring.
	 * @param fullGcIntervalMillis how often to collect everything and measure the live heap, or 0 for
	 * never
	 */
	static HeapMonitor start(long fullGcIntervalMillis) {
		HeapMonitor monitor = new HeapMonitor();
		if (fullGcIntervalMillis > 0) {
			Thread live = new Thread(() -> {
				while (true) {
					try {
						Thread.sleep(fullGcIntervalMillis);
					}
					catch (InterruptedException ex) {
						return;
					}
					System.gc();
				}
			}, "live-heap");
			live.setDaemon(true);
			live.start();
		}
		ManagementFactory.getGarbageCollectorMXBeans()
			.forEach((collector) -> ((NotificationEmitter) collector).addNotificationListener((notification, handback) -> {
				if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
					GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
						.from((CompositeData) notification.getUserData());
					monitor.collected(info.getGcInfo().getMemoryUsageAfterGc(), "System.gc()".equals(info.getGcCause()));
				}
			}, null, null));
		Thread sampler = new Thread(() -> {
			while (true) {
				monitor.usedPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
						Math::max);
				monitor.gaugePeak.accumulateAndGet(monitor.gauge.getAsLong(), Math::max);
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "heap-sampler");
		sampler.setDaemon(true);
		sampler.start();
		return monitor;
	}

	void watch(LongSupplier gauge) {
		this.gauge = gauge;
	}

	private void collected(Map<String, MemoryUsage> afterGc, boolean full) {
		long used = afterGc.entrySet()
			.stream()
			.filter((pool) -> this.heapPools.contains(pool.getKey()))
			.mapToLong((pool) -> pool.getValue().getUsed())
			.sum();
		if (full) {
			// Measured by the collector as it finished, before any other thread allocates again.
			this.livePeak.accumulateAndGet(used, Math::max);
		}
		else {
			this.afterGcPeak.accumulateAndGet(used, Math::max);
			this.collections.incrementAndGet();
		}
	}

	/**
	 * Return the peaks since the last call as {@code afterGc used gauge collections live} in bytes,
	 * and start over.
	 */
	String takePeaks() {
		return this.afterGcPeak.getAndSet(0) + " " + this.usedPeak.getAndSet(0) + " " + this.gaugePeak.getAndSet(0)
				+ " " + this.collections.getAndSet(0) + " " + this.livePeak.getAndSet(0);
	}

}
