package io.github.skyvernstarter.autoconfigure;

import java.util.Arrays;
import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.ClassUtils;

/**
 * Matches when the application defines no Spring Security filter chain besides the receiver's: then
 * the framework's default chain, which any chain bean switches off, has to be defined explicitly.
 * <p>
 * The receiver's chain is ignored by name, whoever defines it, so that an application that
 * replaces only the receiver's chain keeps the default protection everywhere else.
 */
abstract class NoOtherFilterChainCondition extends SpringBootCondition implements ConfigurationCondition {

	private final String chainType;

	private final String receiverChainName;

	NoOtherFilterChainCondition(String chainType, String receiverChainName) {
		this.chainType = chainType;
		this.receiverChainName = receiverChainName;
	}

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (context.getBeanFactory() == null || !ClassUtils.isPresent(this.chainType, context.getClassLoader())) {
			return ConditionOutcome.noMatch("no " + this.chainType);
		}
		Class<?> type = ClassUtils.resolveClassName(this.chainType, context.getClassLoader());
		List<String> others = Arrays.stream(context.getBeanFactory().getBeanNamesForType(type, true, false))
			.filter((name) -> !name.equals(this.receiverChainName))
			.toList();
		return others.isEmpty() ? ConditionOutcome.match("no filter chain besides " + this.receiverChainName)
				: ConditionOutcome.noMatch("filter chains " + others);
	}

}
