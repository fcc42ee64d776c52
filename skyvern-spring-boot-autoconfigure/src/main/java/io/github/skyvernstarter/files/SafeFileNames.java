package io.github.skyvernstarter.files;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Turns a file name from Skyvern (which took it from a web site: untrusted) into one safe to create in
 * a directory: its last path segment only, no control or reserved characters, no leading dots, bounded
 * length, never empty, never a device name.
 */
final class SafeFileNames {

	/** Characters: 255 bytes is the usual limit, and a UTF-8 character takes up to 4. */
	static final int MAX_LENGTH = 60;

	private static final Set<String> WINDOWS_DEVICES = Set.of("con", "prn", "aux", "nul", "com1", "com2", "com3",
			"com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7",
			"lpt8", "lpt9");

	private SafeFileNames() {
	}

	static String sanitize(@Nullable String name) {
		String candidate = (name != null) ? name : "";
		int slash = Math.max(candidate.lastIndexOf('/'), candidate.lastIndexOf('\\'));
		candidate = candidate.substring(slash + 1);
		StringBuilder safe = new StringBuilder(candidate.length());
		candidate.codePoints().forEach((c) -> {
			boolean control = c < 0x20 || (c >= 0x7f && c < 0xa0) || c == 0x2028 || c == 0x2029 || c == 0x202e;
			boolean reserved = "<>:\"|?*%".indexOf(c) >= 0;
			safe.appendCodePoint((control || reserved) ? '_' : c);
		});
		String result = strip(safe.toString());
		if (result.codePointCount(0, result.length()) > MAX_LENGTH) {
			result = keepExtension(result);
		}
		if (result.isEmpty()) {
			return "file";
		}
		String base = result.contains(".") ? result.substring(0, result.indexOf('.')) : result;
		return WINDOWS_DEVICES.contains(base.toLowerCase(Locale.ROOT)) ? "_" + result : result;
	}

	/**
	 * Return the file of the given name in the directory, having checked it cannot be anywhere else.
	 */
	static Path inside(Path directory, String safeName) {
		Path root = directory.toAbsolutePath().normalize();
		Path file = root.resolve(safeName).normalize();
		if (!root.equals(file.getParent())) {
			throw new IllegalArgumentException("File name leaves the target directory: " + safeName);
		}
		return file;
	}

	private static String strip(String name) {
		int start = 0;
		while (start < name.length() && (name.charAt(start) == '.' || Character.isWhitespace(name.charAt(start)))) {
			start++;
		}
		int end = name.length();
		while (end > start && (name.charAt(end - 1) == '.' || Character.isWhitespace(name.charAt(end - 1)))) {
			end--;
		}
		return name.substring(start, end);
	}

	private static String keepExtension(String name) {
		int dot = name.lastIndexOf('.');
		String extension = (dot > 0 && name.length() - dot <= 10) ? name.substring(dot) : "";
		String stem = (dot > 0 && !extension.isEmpty()) ? name.substring(0, dot) : name;
		int keep = MAX_LENGTH - extension.length();
		return stem.substring(0, stem.offsetByCodePoints(0, Math.min(keep, stem.codePointCount(0, stem.length()))))
				+ extension;
	}

}
