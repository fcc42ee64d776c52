package io.github.skyvernstarter.webhook;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * Spring MVC applications with Spring Security that receive Skyvern webhooks, as users write them.
 */
final class SecuredMvcApplications {

	private SecuredMvcApplications() {
	}

	/**
	 * Spring Security on the class path and nothing configured: Spring Boot's default protection.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableSkyvernWebhooks
	@Import({ Endpoints.class, RunFinishedRecorder.class, SavedForms.class })
	static class NoSecurityConfiguration {

	}

	/**
	 * A chain ordered first among the application's, requiring a form login for {@code /**}, with
	 * CSRF protection on.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableSkyvernWebhooks
	@Import({ Endpoints.class, RunFinishedRecorder.class, SavedForms.class })
	static class FormLoginConfiguration {

		@Bean
		@Order(1)
		SecurityFilterChain applicationSecurity(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.requestMatchers("/**").authenticated())
				.formLogin(withDefaults())
				.build();
		}

	}

	/**
	 * An unordered chain for {@code /**} requiring HTTP Basic, with CSRF protection on.
	 */
	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	@EnableSkyvernWebhooks
	@Import({ Endpoints.class, RunFinishedRecorder.class, SavedForms.class })
	static class HttpBasicConfiguration {

		@Bean
		SecurityFilterChain applicationSecurity(HttpSecurity http) {
			return http.securityMatcher("/**")
				.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
				.httpBasic(withDefaults())
				.build();
		}

	}

	/**
	 * The application's own endpoints: a page that needs a login, a form that needs its CSRF token,
	 * and the token.
	 */
	@RestController
	static class Endpoints {

		private final SavedForms savedForms;

		Endpoints(SavedForms savedForms) {
			this.savedForms = savedForms;
		}

		@org.springframework.context.annotation.Bean
		static TotpTestApplication.RecordingCodeProvider recordingCodeProvider() {
			return new TotpTestApplication.RecordingCodeProvider();
		}

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@PostMapping("/form")
		String form() {
			this.savedForms.count.incrementAndGet();
			return "saved";
		}

		@GetMapping("/csrf")
		String csrf(CsrfToken token) {
			return token.getHeaderName() + ":" + token.getToken();
		}

	}

}
