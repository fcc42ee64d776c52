package io.github.skyvernstarter.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * Finds the members of a JSON object in one pass over its bytes, with their positions and nesting
 * depth, without building a tree and without a parser context per level.
 * <p>
 * It exists because a parser walking a value must keep a context object per open level, and a
 * tree needs about 100 bytes per level: a 16 MB body of brackets would cost gigabytes and minutes.
 * Here depth is a counter, so any depth costs nothing and the caller decides which members are
 * worth a tree. The scan checks the object's own structure (names, colons, commas, braces, strings
 * and their escapes); the grammar inside a member's value is left to whoever parses that value.
 */
final class JsonObjectScanner {

	private static final NotAnObject NOT_AN_OBJECT = new NotAnObject();

	private final byte[] json;

	/** The names of the members to keep, in UTF-8, or {@code null} to keep them all. */
	private final byte @Nullable [][] wanted;

	private final List<String> wantedNames;

	private int position;

	private JsonObjectScanner(byte[] json, List<String> wantedNames) {
		this.json = json;
		this.wantedNames = wantedNames;
		this.wanted = wantedNames.isEmpty() ? null
				: wantedNames.stream().map((name) -> name.getBytes(StandardCharsets.UTF_8)).toArray(byte[][]::new);
	}

	/**
	 * Scan a JSON object; for a member given more than once, the last one counts, as with Jackson.
	 * @param json the JSON document in UTF-8
	 * @return the members by name in document order, or {@code null} if the document is not a JSON
	 * object
	 */
	static @Nullable Map<String, Member> scan(byte[] json) {
		return scan(json, List.of());
	}

	/**
	 * Scan a JSON object as {@link #scan(byte[])} does, keeping only the members of the given names:
	 * the others are checked and skipped, their names not even decoded.
	 * @param json the JSON document in UTF-8
	 * @param names the names of the members to keep; all of them when empty
	 * @return the members kept, or {@code null} if the document is not a JSON object
	 */
	static @Nullable Map<String, Member> scan(byte[] json, List<String> names) {
		try {
			return new JsonObjectScanner(json, names).object();
		}
		catch (NotAnObject | JacksonException ex) {
			// JacksonException: a member name with a malformed escape.
			return null;
		}
	}

	private Map<String, Member> object() {
		skipByteOrderMark();
		skipWhitespace();
		expect('{');
		Map<String, Member> members = new LinkedHashMap<>();
		skipWhitespace();
		if (peek() == '}') {
			this.position++;
		}
		else {
			members(members);
		}
		skipWhitespace();
		if (this.position != this.json.length) {
			throw NOT_AN_OBJECT;
		}
		return members;
	}

	private void members(Map<String, Member> members) {
		while (true) {
			skipWhitespace();
			int nameStart = this.position;
			skipString();
			String name = name(nameStart, this.position);
			skipWhitespace();
			expect(':');
			skipWhitespace();
			int start = this.position;
			int depth = skipValue();
			if (name != null) {
				members.remove(name);
				members.put(name, new Member(start, this.position, depth, this.json[start]));
			}
			skipWhitespace();
			byte next = peek();
			this.position++;
			if (next == '}') {
				return;
			}
			if (next != ',') {
				throw NOT_AN_OBJECT;
			}
		}
	}

	/**
	 * Return the name of the member whose quoted name is at the given positions, or {@code null} if it
	 * is not wanted.
	 */
	private @Nullable String name(int start, int end) {
		if (this.wanted == null) {
			return Member.decode(this.json, start, end);
		}
		int length = end - start - 2;
		for (int i = 0; i < this.wanted.length; i++) {
			if (this.wanted[i].length == length
					&& Arrays.equals(this.json, start + 1, end - 1, this.wanted[i], 0, length)) {
				return this.wantedNames.get(i);
			}
		}
		for (int i = start + 1; i < end - 1; i++) {
			if (this.json[i] == '\\') {
				// An escaped name may still spell a wanted one.
				String name = Member.decode(this.json, start, end);
				return this.wantedNames.contains(name) ? name : null;
			}
		}
		return null;
	}

	private int skipValue() {
		byte first = peek();
		if (first == '"') {
			skipString();
			return 0;
		}
		if (first == '{' || first == '[') {
			return skipContainer();
		}
		int start = this.position;
		while (this.position < this.json.length && !isDelimiter(this.json[this.position])) {
			this.position++;
		}
		if (this.position == start) {
			throw NOT_AN_OBJECT;
		}
		return 0;
	}

	private int skipContainer() {
		int depth = 0;
		int deepest = 0;
		while (this.position < this.json.length) {
			byte current = this.json[this.position];
			if (current == '"') {
				skipString();
				continue;
			}
			if (current == '{' || current == '[') {
				depth++;
				deepest = Math.max(deepest, depth);
			}
			else if ((current == '}' || current == ']') && --depth == 0) {
				this.position++;
				return deepest;
			}
			this.position++;
		}
		throw NOT_AN_OBJECT;
	}

	private void skipString() {
		expect('"');
		while (this.position < this.json.length) {
			byte current = this.json[this.position++];
			if (current == '"') {
				return;
			}
			if (current == '\\') {
				this.position++;
			}
		}
		throw NOT_AN_OBJECT;
	}

	private void skipByteOrderMark() {
		if (this.json.length >= 3 && (this.json[0] & 0xFF) == 0xEF && (this.json[1] & 0xFF) == 0xBB
				&& (this.json[2] & 0xFF) == 0xBF) {
			this.position = 3;
		}
	}

	private void skipWhitespace() {
		while (this.position < this.json.length && isWhitespace(this.json[this.position])) {
			this.position++;
		}
	}

	private void expect(char expected) {
		if (peek() != expected) {
			throw NOT_AN_OBJECT;
		}
		this.position++;
	}

	private byte peek() {
		if (this.position >= this.json.length) {
			throw NOT_AN_OBJECT;
		}
		return this.json[this.position];
	}

	private static boolean isWhitespace(byte b) {
		return b == ' ' || b == '\t' || b == '\n' || b == '\r';
	}

	private static boolean isDelimiter(byte b) {
		return b == ',' || b == '}' || b == ']' || isWhitespace(b);
	}

	/**
	 * A member's value: where it is in the document and how deeply it nests.
	 *
	 * @param start the index of the value's first byte
	 * @param end the index after the value's last byte
	 * @param depth how many containers deep the value goes: 0 for a string, number, boolean or null
	 * @param first the value's first byte, which tells its JSON type
	 */
	record Member(int start, int end, int depth, byte first) {

		boolean isString() {
			return this.first == '"';
		}

		boolean isNull() {
			return this.first == 'n';
		}

		int length() {
			return this.end - this.start;
		}

		/**
		 * Decode a string value.
		 * @param json the document
		 * @return the string
		 */
		String decodeString(byte[] json) {
			return decode(json, this.start, this.end);
		}

		static String decode(byte[] json, int start, int end) {
			for (int i = start + 1; i < end - 1; i++) {
				if (json[i] == '\\') {
					// Escapes are rare in names and ids; Jackson decodes them, and rejects bad ones.
					return SkyvernJson.mapper().readValue(json, start, end - start, String.class);
				}
			}
			return new String(json, start + 1, end - start - 2, StandardCharsets.UTF_8);
		}

	}

	private static final class NotAnObject extends RuntimeException {

		private static final long serialVersionUID = 1L;

		NotAnObject() {
			// Thrown for every malformed body: no stack trace to fill.
			super("not a JSON object", null, false, false);
		}

	}

}
