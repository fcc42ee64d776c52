package io.github.skyvernstarter.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Masks secrets (the API keys) in text that came back from the network, before that text reaches an
 * exception message, a detail or a log line.
 * <p>
 * A proxy or debugging server that echoes request headers may write the key as it was sent or encoded:
 * JSON-escaped (<code>&#92;u0073&#92;u006b...</code>, decoded by the JSON parser before the text is
 * read, and left as written in a non-JSON body), percent-encoded ({@code %73%6B...}) or as HTML
 * character references (<code>&amp;#115;&amp;#x6b;...</code>), each for some or all characters. All of
 * these are masked in the final strings. A string that holds only a long enough piece of the key (a
 * parser message that cut a token, an echo a proxy shortened) has that piece masked too.
 */
final class SecretMask {

	static final String MASK = "******";

	/** The shortest piece of a key that is masked on its own. */
	private static final int MIN_FRAGMENT = 16;

	private final String secret;

	private final @Nullable SecretMask next;

	private volatile @Nullable Pattern pattern;

	private SecretMask(String secret, @Nullable SecretMask next) {
		this.secret = secret;
		this.next = next;
	}

	static SecretMask of(String secret) {
		return new SecretMask(secret, null);
	}

	/**
	 * Return a mask for this mask's secrets and one more.
	 * @param secret the other secret, for example a per-call API key
	 * @return the combined mask
	 */
	SecretMask and(String secret) {
		return new SecretMask(secret, this);
	}

	/**
	 * Mask every occurrence of the secret, written plainly or encoded.
	 * @param text the text
	 * @return the text, with {@link #MASK} for each occurrence
	 */
	String redact(String text) {
		String redacted = (this.next != null) ? this.next.redact(text) : text;
		if (this.secret.isEmpty()) {
			return redacted;
		}
		Pattern pattern = this.pattern;
		if (pattern == null) {
			// Compiled on first use: most calls never fail, and most masks are never used.
			pattern = Pattern.compile(encodedForms(this.secret));
			this.pattern = pattern;
		}
		return pattern.matcher(redacted).replaceAll(Matcher.quoteReplacement(MASK));
	}

	/**
	 * Mask every occurrence of the secret and every piece of it of at least 16 characters (the whole
	 * secret when it is shorter). Meant for short, final strings: the cost grows with the text's length
	 * times the secret's.
	 * @param text the text
	 * @return the text, with {@link #MASK} for each occurrence and each piece
	 */
	String redactWithFragments(String text) {
		String redacted = maskFragments(redact(text));
		return (this.next != null) ? this.next.redactWithFragments(redacted) : redacted;
	}

	private String maskFragments(String redacted) {
		int size = Math.min(MIN_FRAGMENT, this.secret.length());
		if (size == 0 || redacted.length() < size) {
			return redacted;
		}
		boolean[] masked = new boolean[redacted.length()];
		boolean any = false;
		for (int start = 0; start + size <= this.secret.length(); start++) {
			String piece = this.secret.substring(start, start + size);
			for (int at = redacted.indexOf(piece); at >= 0; at = redacted.indexOf(piece, at + 1)) {
				for (int i = at; i < at + size; i++) {
					masked[i] = true;
				}
				any = true;
			}
		}
		if (!any) {
			return redacted;
		}
		StringBuilder result = new StringBuilder(redacted.length());
		for (int i = 0; i < redacted.length(); i++) {
			if (!masked[i]) {
				result.append(redacted.charAt(i));
			}
			else if (i == 0 || !masked[i - 1]) {
				result.append(MASK);
			}
		}
		return result.toString();
	}

	/**
	 * Whether the text holds the secret or a piece of it that {@link #redactWithFragments} would mask.
	 * @param text the text
	 * @return {@code true} if masking would change the text
	 */
	boolean isRevealedIn(String text) {
		return !redactWithFragments(text).equals(text);
	}

	/**
	 * A pattern matching the secret with each character written plainly or encoded.
	 */
	private static String encodedForms(String secret) {
		StringBuilder pattern = new StringBuilder();
		secret.codePoints().forEach((codePoint) -> {
			List<String> forms = new ArrayList<>();
			forms.add(Pattern.quote(new String(Character.toChars(codePoint))));
			if (codePoint <= 0xFFFF) {
				forms.add("(?i:\\\\u" + hex(codePoint, 4) + ")");
			}
			if (codePoint <= 0x7F) {
				forms.add("(?i:%" + hex(codePoint, 2) + ")");
			}
			if (codePoint == '/') {
				forms.add("\\\\/");
			}
			forms.add("&#0*" + codePoint + ";");
			forms.add("(?i:&#x0*" + Integer.toHexString(codePoint) + ";)");
			pattern.append("(?:").append(String.join("|", forms)).append(')');
		});
		return pattern.toString();
	}

	private static String hex(int value, int digits) {
		String hex = Integer.toHexString(value).toUpperCase(Locale.ROOT);
		return "0".repeat(Math.max(0, digits - hex.length())) + hex;
	}

}
