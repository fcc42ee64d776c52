package io.github.skyvernstarter.webhook;

/**
 * Makes text from a delivery safe to log: control, line-separator and bidirectional formatting
 * characters are escaped as {@code \}{@code uXXXX}, so a value cannot forge or hide log lines, and
 * long values are cut.
 */
final class LogSanitizer {

	static final int MAX_LENGTH = 128;

	private LogSanitizer() {
	}

	static String safe(String value) {
		int length = Math.min(value.length(), MAX_LENGTH);
		StringBuilder safe = new StringBuilder(length + 16);
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029'
					|| Character.getType(c) == Character.FORMAT) {
				safe.append(String.format("\\u%04x", (int) c));
			}
			else {
				safe.append(c);
			}
		}
		if (value.length() > MAX_LENGTH) {
			safe.append("... (").append(value.length()).append(" characters)");
		}
		return safe.toString();
	}

}
