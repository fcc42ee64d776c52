package io.github.skyvernstarter.observation;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.skyvernstarter.observation.SkyvernOperationContext.Operation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.test.subscriber.TestSubscriber;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ObservedOperation}: one terminal signal per subscriber, and the observation stopped
 * once, whatever ends the operation.
 */
class ObservedOperationTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final List<Throwable> errors = new CopyOnWriteArrayList<>();

	private <T> ObservedOperation<T> observed(Mono<T> operation, SkyvernOperationContext context,
			java.util.function.BiConsumer<SkyvernOperationContext, T> onResult) {
		return new ObservedOperation<>(operation, () -> Observation.createNotStarted("skyvern.operation", () -> context,
				this.registry), context, onResult, (failed, ex) -> this.errors.add(ex));
	}

	@Test
	void valueReachesTheSubscriberAfterTheObservationStopped() {
		SkyvernOperationContext context = new SkyvernOperationContext(Operation.GET, "wr_1", null);
		TestSubscriber<String> subscriber = TestSubscriber.create();
		observed(Mono.just("run"), context, (ctx, value) -> {
		}).subscribe(subscriber);
		assertThat(subscriber.getReceivedOnNext()).containsExactly("run");
		assertThat(subscriber.isTerminatedComplete()).isTrue();
		assertThat(subscriber.getProtocolErrors()).isEmpty();
		assertThat(this.registry).hasNumberOfObservationsEqualTo(1);
		assertThat(this.registry).hasSingleObservationThat().hasBeenStarted().hasBeenStopped();
	}

	@Test
	void failingResultCallbackEndsTheOperationWithOneErrorAndNothingAfterIt() {
		SkyvernOperationContext context = new SkyvernOperationContext(Operation.GET, "wr_1", null);
		TestSubscriber<String> subscriber = TestSubscriber.create();
		// A source that completes right after its value even when cancelled in between.
		Mono<String> source = Mono.fromDirect((downstream) -> {
			downstream.onSubscribe(Operators.emptySubscription());
			downstream.onNext("run");
			downstream.onComplete();
		});
		observed(source, context, (ctx, value) -> {
			throw new IllegalStateException("callback failed");
		}).subscribe(subscriber);
		assertThat(subscriber.getReceivedOnNext()).isEmpty();
		assertThat(subscriber.isTerminatedError()).isTrue();
		assertThat(subscriber.expectTerminalError()).hasMessage("callback failed");
		// The source's completion must not follow the error.
		assertThat(subscriber.getProtocolErrors()).isEmpty();
		assertThat(this.registry).hasSingleObservationThat().hasBeenStopped().hasError();
	}

	@Test
	void errorIsHandedToTheCallbackAndRecordedOnce() {
		SkyvernOperationContext context = new SkyvernOperationContext(Operation.GET, "wr_1", null);
		TestSubscriber<String> subscriber = TestSubscriber.create();
		observed(Mono.<String>error(new IllegalArgumentException("refused")), context, (ctx, value) -> {
		}).subscribe(subscriber);
		assertThat(subscriber.expectTerminalError()).hasMessage("refused");
		assertThat(this.errors).singleElement().satisfies((ex) -> assertThat(ex).hasMessage("refused"));
		assertThat(this.registry).hasSingleObservationThat().hasBeenStopped().hasError();
	}

	@Test
	void cancellationStopsTheObservationAndMarksTheContext() {
		SkyvernOperationContext context = new SkyvernOperationContext(Operation.GET, "wr_1", null);
		TestSubscriber<String> subscriber = TestSubscriber.create();
		observed(Mono.<String>never(), context, (ctx, value) -> {
		}).subscribe(subscriber);
		subscriber.cancel();
		assertThat(this.registry).hasSingleObservationThat().hasBeenStopped();
		assertThat(context.isCancelled()).isTrue();
	}

}
