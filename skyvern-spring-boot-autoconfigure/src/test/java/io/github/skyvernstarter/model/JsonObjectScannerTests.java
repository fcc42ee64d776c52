package io.github.skyvernstarter.model;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.github.skyvernstarter.model.JsonObjectScanner.Member;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link JsonObjectScanner}.
 */
class JsonObjectScannerTests {

	@Test
	void findsEveryMemberWithItsValueAndDepth() {
		String json = " {\"a\" : 1 ,\"b\":\"x\",\"c\":[[],{\"d\":[1]}],\"e\":{},\"f\":null,\"g\":-1.5e3}\n";
		Map<String, Member> members = scan(json);
		assertThat(members).containsOnlyKeys("a", "b", "c", "e", "f", "g");
		assertThat(value(json, members.get("a"))).isEqualTo("1");
		assertThat(value(json, members.get("b"))).isEqualTo("\"x\"");
		assertThat(value(json, members.get("c"))).isEqualTo("[[],{\"d\":[1]}]");
		assertThat(value(json, members.get("g"))).isEqualTo("-1.5e3");
		assertThat(members.get("a").depth()).isZero();
		assertThat(members.get("b").isString()).isTrue();
		assertThat(members.get("c").depth()).isEqualTo(3);
		assertThat(members.get("e").depth()).isEqualTo(1);
		assertThat(members.get("f").isNull()).isTrue();
	}

	@Test
	void bracketsAndQuotesInsideStringsAreText() {
		String json = "{\"a\":\"}]\\\" [{\",\"b\":[\"]]]\\\\\",\"{\"],\"c\":\"\\\\\"}";
		Map<String, Member> members = scan(json);
		assertThat(members).containsOnlyKeys("a", "b", "c");
		assertThat(members.get("a").decodeString(bytes(json))).isEqualTo("}]\" [{");
		assertThat(members.get("b").depth()).isEqualTo(1);
		assertThat(members.get("c").decodeString(bytes(json))).isEqualTo("\\");
	}

	@Test
	void decodesEscapedNamesAndKeepsTheLastOfARepeatedMember() {
		String json = "{\"run\\u005fid\":\"first\",\"run_id\":\"second\"}";
		Map<String, Member> members = scan(json);
		assertThat(members).containsOnlyKeys("run_id");
		assertThat(members.get("run_id").decodeString(bytes(json))).isEqualTo("second");
	}

	@Test
	void decodesUtf8AndSkipsAByteOrderMark() {
		byte[] json = ("\uFEFF{\"name\":\"Grüße, 東京\"}").getBytes(StandardCharsets.UTF_8);
		Map<String, Member> members = JsonObjectScanner.scan(json);
		assertThat(members.get("name").decodeString(json)).isEqualTo("Grüße, 東京");
	}

	@Test
	void measuresAnyDepthWithoutATree() {
		int depth = 5_000_000;
		String json = "{\"deep\":" + "[".repeat(depth) + "]".repeat(depth) + ",\"after\":true}";
		Map<String, Member> members = scan(json);
		assertThat(members.get("deep").depth()).isEqualTo(depth);
		assertThat(members).containsKey("after");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", " ", "[]", "null", "42", "\"text\"", "{", "}", "{\"a\"}", "{\"a\":}", "{\"a\" 1}",
			"{\"a\":1,}", "{,}", "{\"a\":1 \"b\":2}", "{\"a\":\"open}", "{\"a\":[1,2}", "{\"a\":1}x", "{\"a\":1}{}",
			"{a:1}", "{\"a\":1", "{\"bad\\u12\":1}" })
	void rejectsWhatIsNotAJsonObject(String json) {
		assertThat(JsonObjectScanner.scan(bytes(json))).isNull();
	}

	@Test
	void keepsOnlyTheNamedMembersTheLastOfARepeatedOneEvenWhenEscaped() {
		String json = "{\"output\":{\"run_id\":\"inner\"},\"status\":\"running\",\"run\\u005fid\":\"first\","
				+ "\"runs_id\":1,\"run_id\":\"second\",\"status\":\"completed\",\"st\\u0061tus\":\"failed\"}";
		Map<String, Member> members = JsonObjectScanner.scan(bytes(json), List.of("run_id", "status"));
		assertThat(members).containsOnlyKeys("run_id", "status");
		assertThat(members.get("run_id").decodeString(bytes(json))).isEqualTo("second");
		assertThat(members.get("status").decodeString(bytes(json))).isEqualTo("failed");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "[]", "{\"a\":1,}", "{\"a\":\"open}", "{\"a\":1}x", "{\"bad\\u12\":1}",
			"{\"run_id\":\"x\",\"a\":[1,2}" })
	void scanningForSomeMembersRejectsWhatIsNotAJsonObjectAlike(String json) {
		assertThat(JsonObjectScanner.scan(bytes(json), List.of("run_id"))).isNull();
	}

	@Test
	void acceptsTheEmptyObject() {
		assertThat(scan(" { } ")).isEmpty();
	}

	private static Map<String, Member> scan(String json) {
		Map<String, Member> members = JsonObjectScanner.scan(bytes(json));
		assertThat(members).as(json).isNotNull();
		return members;
	}

	private static String value(String json, Member member) {
		return new String(bytes(json), member.start(), member.length(), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String json) {
		return json.getBytes(StandardCharsets.UTF_8);
	}

}
