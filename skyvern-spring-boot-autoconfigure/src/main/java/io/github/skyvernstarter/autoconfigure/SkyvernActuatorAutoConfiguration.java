package io.github.skyvernstarter.autoconfigure;

import java.util.Locale;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Masks Skyvern secrets in the actuator's {@code configprops} and {@code env} endpoints, even where an
 * application sets {@code show-values: always}.
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class SkyvernActuatorAutoConfiguration {

	@Bean
	SanitizingFunction skyvernSecretsSanitizingFunction() {
		return new SkyvernSecretsSanitizingFunction();
	}

	/**
	 * Masks {@code skyvern.api-key} and {@code skyvern.webhooks.signing-keys} in every spelling the
	 * endpoints show: {@code skyvern.api-key}, {@code SKYVERN_API_KEY}, {@code apiKey}.
	 */
	static final class SkyvernSecretsSanitizingFunction implements SanitizingFunction {

		private static final Set<String> SECRET_NAMES = Set.of("apikey", "signingkeys");

		@Override
		public SanitizableData apply(SanitizableData data) {
			String key = data.getKey();
			if (key == null) {
				return data;
			}
			String lastElement = key.substring(key.lastIndexOf('.') + 1);
			String normalized = lastElement.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
			String flattened = key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "").replace(".", "");
			boolean secret = SECRET_NAMES.stream().anyMatch(normalized::startsWith)
					|| flattened.startsWith("skyvernapikey") || flattened.startsWith("skyvernwebhookssigningkeys");
			return secret ? data.withSanitizedValue() : data;
		}

	}

}
