package io.github.skyvernstarter.model;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for how {@link ProxyLocation} is written in Skyvern's JSON.
 */
class ProxyLocationJsonTests {

	@Test
	void writesNamedLocationAsString() {
		assertThat(write(ProxyLocation.RESIDENTIAL)).isEqualTo("\"RESIDENTIAL\"");
		assertThat(write(ProxyLocation.RESIDENTIAL_ISP)).isEqualTo("\"RESIDENTIAL_ISP\"");
		assertThat(write(ProxyLocation.NONE)).isEqualTo("\"NONE\"");
		assertThat(write(ProxyLocation.named("RESIDENTIAL_DE"))).isEqualTo("\"RESIDENTIAL_DE\"");
		assertThat(write(ProxyLocation.named("US-CA"))).isEqualTo("\"US-CA\"");
	}

	@Test
	void writesGeoTargetWithEveryField() {
		assertThat(write(ProxyLocation.geo("US", "CA", "San Francisco")))
			.isEqualTo("{\"country\":\"US\",\"subdivision\":\"CA\",\"city\":\"San Francisco\"}");
	}

	@Test
	void writesGeoTargetWithoutNulls() {
		assertThat(write(ProxyLocation.geo("DE", null, null))).isEqualTo("{\"country\":\"DE\"}");
		assertThat(write(ProxyLocation.geo("DE", null, "Berlin")))
			.isEqualTo("{\"country\":\"DE\",\"city\":\"Berlin\"}");
		assertThat(write(ProxyLocation.geo("GB", "ENG", null)))
			.isEqualTo("{\"country\":\"GB\",\"subdivision\":\"ENG\"}");
	}

	@Test
	void writesGeoTargetWithoutNullsEvenWithAMapperThatIncludesNulls() {
		// The Geo record must omit nulls by itself, not only thanks to SkyvernJson's default.
		assertThat(JsonMapper.builder().build().writeValueAsString(ProxyLocation.geo("DE", null, null)))
			.isEqualTo("{\"country\":\"DE\"}");
	}

	@Test
	void rejectsBlankName() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProxyLocation.named(" "));
	}

	@Test
	void rejectsGeoTargetWithoutCountry() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProxyLocation.geo("", "CA", null))
			.withMessageContaining("country");
	}

	@Test
	void rejectsGeoTargetWithTooLongSubdivisionOrCity() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProxyLocation.geo("US", "12345678901", null))
			.withMessageContaining("subdivision");
		assertThatIllegalArgumentException().isThrownBy(() -> ProxyLocation.geo("US", null, "x".repeat(101)))
			.withMessageContaining("city");
	}

	private static String write(ProxyLocation location) {
		return SkyvernJson.mapper().writeValueAsString(location);
	}

}
