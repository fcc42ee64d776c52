package io.github.skyvernstarter.observation;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * An operation observed from its subscription to its first signal, in one operator: the observation
 * starts when the operation is subscribed (a child of the observation in the subscriber's context, if
 * any), is put in the operation's context so that the HTTP attempts inside become its children, and
 * stops on the first of a value, completion, error or cancellation, before the signal goes on.
 * <p>
 * It does what {@code deferContextual}, {@code doOnSuccess}, {@code doOnError}, {@code doOnCancel} and
 * {@code contextWrite} would do together, without the four extra subscribers per call.
 *
 * @param <T> the operation's value
 */
final class ObservedOperation<T> extends Mono<T> {

	private final Mono<T> operation;

	private final Supplier<Observation> observations;

	private final SkyvernOperationContext context;

	private final BiConsumer<SkyvernOperationContext, T> onResult;

	private final BiConsumer<SkyvernOperationContext, Throwable> onError;

	/**
	 * Observe an operation.
	 * @param operation the operation
	 * @param observations creates the observation, not started, on each subscription
	 * @param context the observation's context
	 * @param onResult called with the operation's value before the observation stops; not called when
	 * it completes without one
	 * @param onError called with the operation's failure before it is recorded on the observation
	 */
	ObservedOperation(Mono<T> operation, Supplier<Observation> observations, SkyvernOperationContext context,
			BiConsumer<SkyvernOperationContext, T> onResult, BiConsumer<SkyvernOperationContext, Throwable> onError) {
		this.operation = operation;
		this.observations = observations;
		this.context = context;
		this.onResult = onResult;
		this.onError = onError;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		Observation observation = this.observations.get();
		Context subscriberContext = actual.currentContext();
		Observation parent = subscriberContext.getOrDefault(ObservationThreadLocalAccessor.KEY, null);
		if (parent != null) {
			observation.parentObservation(parent);
		}
		observation.start();
		Context context = observation.isNoop() ? subscriberContext
				: subscriberContext.put(ObservationThreadLocalAccessor.KEY, observation);
		this.operation.subscribe(new ObservedSubscriber<>(actual, context, observation, this));
	}

	private static final class ObservedSubscriber<T> implements CoreSubscriber<T>, Subscription {

		private static final AtomicIntegerFieldUpdater<ObservedSubscriber> ENDED = AtomicIntegerFieldUpdater
			.newUpdater(ObservedSubscriber.class, "ended");

		private final CoreSubscriber<? super T> actual;

		private final Context currentContext;

		private final Observation observation;

		private final ObservedOperation<T> operation;

		private @Nullable Subscription subscription;

		private volatile int ended;

		/** Set once a failing result callback has turned the value into an error: later signals are dropped. */
		private boolean failed;

		ObservedSubscriber(CoreSubscriber<? super T> actual, Context currentContext, Observation observation,
				ObservedOperation<T> operation) {
			this.actual = actual;
			this.currentContext = currentContext;
			this.observation = observation;
			this.operation = operation;
		}

		@Override
		public Context currentContext() {
			return this.currentContext;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.subscription, subscription)) {
				this.subscription = subscription;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(T value) {
			if (this.failed) {
				Operators.onNextDropped(value, this.currentContext);
				return;
			}
			if (end()) {
				try {
					this.operation.onResult.accept(this.operation.context, value);
				}
				catch (RuntimeException ex) {
					// As doOnSuccess: a failing callback fails the operation.
					this.failed = true;
					this.observation.error(ex);
					this.observation.stop();
					Subscription subscription = this.subscription;
					if (subscription != null) {
						subscription.cancel();
					}
					this.actual.onError(Operators.onOperatorError(ex, this.currentContext));
					return;
				}
				this.observation.stop();
			}
			this.actual.onNext(value);
		}

		@Override
		public void onError(Throwable failure) {
			if (this.failed) {
				Operators.onErrorDropped(failure, this.currentContext);
				return;
			}
			if (end()) {
				this.operation.onError.accept(this.operation.context, failure);
				this.observation.error(failure);
				this.observation.stop();
			}
			this.actual.onError(failure);
		}

		@Override
		public void onComplete() {
			if (this.failed) {
				return;
			}
			if (end()) {
				this.observation.stop();
			}
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			Subscription subscription = this.subscription;
			if (subscription != null) {
				subscription.request(n);
			}
		}

		@Override
		public void cancel() {
			if (end()) {
				this.operation.context.setCancelled();
				this.observation.stop();
			}
			Subscription subscription = this.subscription;
			if (subscription != null) {
				subscription.cancel();
			}
		}

		private boolean end() {
			return this.ended == 0 && ENDED.compareAndSet(this, 0, 1);
		}

	}

}
