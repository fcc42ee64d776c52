package io.github.skyvernstarter.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Checks a configured key (the API key or a webhook signing key) before it is used.
 * <p>
 * README's own configuration, {@code skyvern.api-key: ${SKYVERN_API_KEY}}, leaves the literal
 * {@code ${SKYVERN_API_KEY}} in the property when the variable is unset: Boot's binder keeps
 * unresolvable placeholders. Used as a key, that public string would sign webhooks anyone can forge,
 * so an unresolved placeholder fails startup like a missing key, naming the variable. Surrounding
 * whitespace is trimmed; whitespace or control characters inside a key fail too: no Skyvern key has
 * them, and they are the marks of a broken copy or a wrongly quoted value.
 */
final class SkyvernKeys {

	static final String API_KEY_PROPERTY = "skyvern.api-key";

	static final String API_KEY_VARIABLE = "SKYVERN_API_KEY";

	static final String SIGNING_KEYS_PROPERTY = "skyvern.webhooks.signing-keys";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-\\[\\]]{1,100})");

	private SkyvernKeys() {
	}

	/**
	 * Return the trimmed API key, failing when it is missing, blank, an unresolved placeholder or
	 * malformed.
	 * @param apiKey the value of {@code skyvern.api-key}
	 * @return the key to send as {@code x-api-key}
	 * @throws SkyvernConfigurationException naming the property and, for a placeholder, the variable
	 */
	static String requireApiKey(@Nullable String apiKey) {
		if (apiKey == null || apiKey.isBlank()) {
			throw new SkyvernConfigurationException(API_KEY_PROPERTY, "no Skyvern API key is set",
					"Set skyvern.api-key in application.yml (or the " + API_KEY_VARIABLE + " environment variable) to "
							+ "the API key from Skyvern's settings page, or set skyvern.enabled=false to turn the "
							+ "Skyvern client off.");
		}
		if (apiKey.contains("${")) {
			List<String> variables = placeholderVariables(apiKey);
			throw new SkyvernConfigurationException(API_KEY_PROPERTY,
					"no Skyvern API key is set: skyvern.api-key is an unresolved placeholder because "
							+ describe(variables),
					"Set " + variablesToSet(variables) + " to the API key from Skyvern's settings page (or set "
							+ "skyvern.api-key in application.yml), or set skyvern.enabled=false to turn the Skyvern "
							+ "client off.");
		}
		String key = apiKey.strip();
		if (!hasNoWhitespaceOrControl(key)) {
			throw new SkyvernConfigurationException(API_KEY_PROPERTY,
					"the Skyvern API key contains whitespace or control characters",
					"Set skyvern.api-key (or the " + API_KEY_VARIABLE + " environment variable) to the API key "
							+ "exactly as Skyvern's settings page shows it.");
		}
		return key;
	}

	/**
	 * Return a trimmed webhook signing key, failing when it is blank, an unresolved placeholder or
	 * malformed.
	 * @param index the key's position in {@code skyvern.webhooks.signing-keys}
	 * @param signingKey the key
	 * @return the key
	 * @throws SkyvernConfigurationException naming the entry and, for a placeholder, the variable
	 */
	static String requireSigningKey(int index, @Nullable String signingKey) {
		String property = SIGNING_KEYS_PROPERTY + "[" + index + "]";
		String action = "Set " + property + " to a Skyvern API key that signs webhooks, or remove the entry.";
		if (signingKey == null || signingKey.isBlank()) {
			throw new SkyvernConfigurationException(property, "the webhook signing key is blank", action);
		}
		if (signingKey.contains("${")) {
			List<String> variables = placeholderVariables(signingKey);
			throw new SkyvernConfigurationException(property,
					"the webhook signing key is an unresolved placeholder because " + describe(variables),
					"Set " + variablesToSet(variables) + " to a Skyvern API key that signs webhooks, or remove "
							+ property + ".");
		}
		String key = signingKey.strip();
		if (!hasNoWhitespaceOrControl(key)) {
			throw new SkyvernConfigurationException(property,
					"the webhook signing key contains whitespace or control characters", action);
		}
		return key;
	}

	private static boolean hasNoWhitespaceOrControl(String key) {
		return key.codePoints()
			.noneMatch((c) -> Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isISOControl(c));
	}

	/**
	 * Return the names inside {@code ${...}}; only names are reported, never the rest of the value,
	 * which may hold part of a real key.
	 */
	private static List<String> placeholderVariables(String value) {
		List<String> names = new ArrayList<>();
		Matcher matcher = PLACEHOLDER.matcher(value);
		while (matcher.find()) {
			names.add(matcher.group(1));
		}
		return names;
	}

	private static String describe(List<String> variables) {
		if (variables.isEmpty()) {
			return "it contains '${' that no property or environment variable resolved";
		}
		return (variables.size() == 1) ? "the environment variable " + variables.get(0) + " is not set"
				: "the environment variables " + String.join(", ", variables) + " are not set";
	}

	private static String variablesToSet(List<String> variables) {
		if (variables.isEmpty()) {
			return "the environment variable the placeholder names";
		}
		return (variables.size() == 1) ? "the environment variable " + variables.get(0)
				: "the environment variables " + String.join(", ", variables);
	}

}
