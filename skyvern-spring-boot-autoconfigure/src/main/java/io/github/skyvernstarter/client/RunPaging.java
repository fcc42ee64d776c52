package io.github.skyvernstarter.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import io.github.skyvernstarter.model.RunPage;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;

/**
 * Pages through a run listing for the caller, newest run first, and stops at whichever comes first:
 * {@code maxResults} runs, a page shorter than its size (Skyvern's only sign of the end), or the first
 * page Skyvern would refuse. A page is fetched only when the runs before it have been consumed.
 *
 * @param <T> the kind of run summary
 */
final class RunPaging<T> {

	private final int pageSize;

	private final int maxResults;

	private final IntPredicate pageable;

	private RunPaging(int pageSize, int maxResults, IntPredicate pageable) {
		if (maxResults < 1) {
			throw new IllegalArgumentException("maxResults must be at least 1");
		}
		this.pageSize = pageSize;
		this.maxResults = maxResults;
		this.pageable = pageable;
	}

	/**
	 * Plan the paging of a listing.
	 * @param <T> the kind of run summary
	 * @param pageSize the listing's page size
	 * @param maxResults the most runs to return, at least 1
	 * @param pageable whether Skyvern answers a page number rather than refusing it
	 * @return the plan
	 * @throws IllegalArgumentException if {@code maxResults} is not positive
	 */
	static <T> RunPaging<T> of(int pageSize, int maxResults, IntPredicate pageable) {
		return new RunPaging<>(pageSize, maxResults, pageable);
	}

	/** The last page worth asking for: enough for maxResults runs, and one Skyvern answers. */
	private boolean wanted(int page) {
		return (long) (page - 1) * this.pageSize < this.maxResults && this.pageable.test(page);
	}

	/**
	 * Return the runs as a {@link Flux} that asks for the next page once the runs before it were
	 * consumed.
	 * @param fetch reads one page
	 * @return the runs
	 */
	Flux<T> flux(IntFunction<Mono<RunPage<T>>> fetch) {
		// Reactor's concatMap asks for the next source as soon as one completes, whatever the demand:
		// this sink fetches a page only while the subscriber wants runs that no fetched page holds.
		return Flux.create((sink) -> new FluxPager(sink, fetch).start());
	}

	private final class FluxPager {

		private final FluxSink<T> sink;

		private final IntFunction<Mono<RunPage<T>>> fetch;

		private final Deque<T> buffer = new ArrayDeque<>();

		// Not a swap: a fetch can complete, and start the next, before its own subscribe call returned.
		private final Disposable.Composite fetches = Disposables.composite();

		private int nextPage = 1;

		private int emitted;

		private boolean fetching;

		private boolean lastFetched;

		FluxPager(FluxSink<T> sink, IntFunction<Mono<RunPage<T>>> fetch) {
			this.sink = sink;
			this.fetch = fetch;
		}

		void start() {
			this.sink.onRequest((n) -> drain());
			this.sink.onDispose(this.fetches);
		}

		private void drain() {
			int page;
			synchronized (this) {
				while (!this.buffer.isEmpty() && this.sink.requestedFromDownstream() > 0 && !this.sink.isCancelled()) {
					this.sink.next(this.buffer.poll());
					this.emitted++;
				}
				boolean more = !this.lastFetched && this.emitted < RunPaging.this.maxResults && wanted(this.nextPage);
				if (this.buffer.isEmpty() && !more) {
					this.sink.complete();
					return;
				}
				if (!this.buffer.isEmpty() || this.fetching || this.sink.requestedFromDownstream() == 0) {
					return;
				}
				this.fetching = true;
				page = this.nextPage++;
			}
			this.fetches.add(this.fetch.apply(page).subscribe(this::received, this.sink::error));
		}

		private void received(RunPage<T> page) {
			synchronized (this) {
				int room = RunPaging.this.maxResults - this.emitted;
				page.items().stream().limit(room).forEach(this.buffer::add);
				this.lastFetched = page.isLast();
				this.fetching = false;
			}
			drain();
		}

	}

	/**
	 * Return the runs as a lazy {@link Stream}: each page is fetched, blocking the consuming thread,
	 * when the stream reaches it.
	 * @param fetch reads one page, blocking
	 * @return the runs
	 */
	Stream<T> stream(IntFunction<RunPage<T>> fetch) {
		return StreamSupport.stream(new PageSpliterator(fetch), false);
	}

	private final class PageSpliterator extends Spliterators.AbstractSpliterator<T> {

		private final IntFunction<RunPage<T>> fetch;

		private final Deque<T> buffer = new ArrayDeque<>();

		private int nextPage = 1;

		private int returned;

		private boolean exhausted;

		PageSpliterator(IntFunction<RunPage<T>> fetch) {
			super(Long.MAX_VALUE, Spliterator.ORDERED | Spliterator.NONNULL);
			this.fetch = fetch;
		}

		@Override
		public boolean tryAdvance(Consumer<? super T> action) {
			if (this.returned >= RunPaging.this.maxResults) {
				return false;
			}
			while (this.buffer.isEmpty() && !this.exhausted) {
				if (!wanted(this.nextPage)) {
					this.exhausted = true;
					break;
				}
				RunPage<T> page = this.fetch.apply(this.nextPage++);
				this.buffer.addAll(page.items());
				this.exhausted = page.isLast();
			}
			T next = this.buffer.poll();
			if (next == null) {
				return false;
			}
			this.returned++;
			action.accept(next);
			return true;
		}

	}

}
