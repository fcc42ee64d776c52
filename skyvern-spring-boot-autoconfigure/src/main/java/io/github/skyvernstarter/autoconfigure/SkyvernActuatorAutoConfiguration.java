package io.github.skyvernstarter.autoconfigure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Masks Skyvern secrets in the actuator's {@code configprops}, {@code env} and other sanitizing
 * endpoints, even where an application sets {@code show-values: always}: by property name, and by
 * value wherever a configured key appears inside another value.
 *
 * @since 0.1.0
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class SkyvernActuatorAutoConfiguration {

	@Bean
	SanitizingFunction skyvernSecretsSanitizingFunction(Environment environment) {
		return new SkyvernSecretsSanitizingFunction(configuredKeys(environment));
	}

	/**
	 * Return the API key and signing keys as the application resolves them, trimmed.
	 */
	static Set<String> configuredKeys(Environment environment) {
		Set<String> keys = new LinkedHashSet<>();
		if (!(environment instanceof ConfigurableEnvironment)) {
			return keys;
		}
		try {
			Binder binder = Binder.get(environment);
			binder.bind("skyvern.api-key", String.class).ifBound(keys::add);
			binder.bind("skyvern.webhooks.signing-keys", Bindable.listOf(String.class)).ifBound(keys::addAll);
		}
		catch (RuntimeException ex) {
			// A key that does not bind fails startup elsewhere, with a clear message.
		}
		Set<String> trimmed = new LinkedHashSet<>();
		keys.stream().map(String::strip).filter((key) -> !key.isEmpty()).forEach(trimmed::add);
		return trimmed;
	}

	/**
	 * Masks {@code skyvern.api-key} and {@code skyvern.webhooks.signing-keys} in every spelling the
	 * endpoints show ({@code skyvern.api-key}, {@code SKYVERN_API_KEY}, {@code apiKey}), and any value
	 * that contains a configured key: a key passed on the command line
	 * ({@code --skyvern.api-key=...}) is also part of {@code sun.java.command}, and one set in
	 * {@code SPRING_APPLICATION_JSON} is part of that variable.
	 */
	static final class SkyvernSecretsSanitizingFunction implements SanitizingFunction {

		private static final Set<String> SECRET_NAMES = Set.of("apikey", "signingkeys");

		private final List<String> keys;

		SkyvernSecretsSanitizingFunction() {
			this(Set.of());
		}

		SkyvernSecretsSanitizingFunction(Set<String> keys) {
			this.keys = List.copyOf(keys);
		}

		@Override
		public SanitizableData apply(SanitizableData data) {
			return (isSecretName(data.getKey()) || containsKey(data.getValue())) ? data.withSanitizedValue() : data;
		}

		private static boolean isSecretName(@Nullable String key) {
			if (key == null) {
				return false;
			}
			String lastElement = key.substring(key.lastIndexOf('.') + 1);
			String normalized = lastElement.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
			String flattened = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
			return SECRET_NAMES.stream().anyMatch(normalized::startsWith) || flattened.startsWith("skyvernapikey")
					|| flattened.startsWith("skyvernwebhookssigningkeys");
		}

		private boolean containsKey(@Nullable Object value) {
			if (value == null || this.keys.isEmpty()) {
				return false;
			}
			String text = String.valueOf(value);
			return this.keys.stream().anyMatch(text::contains);
		}

	}

}
