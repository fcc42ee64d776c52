package io.github.skyvernstarter.test.secured;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.skyvernstarter.webhook.EnableSkyvernWebhooks;
import io.github.skyvernstarter.webhook.SkyvernRunFinishedEvent;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

import static org.springframework.security.config.Customizer.withDefaults;

/**
 * An application with Spring Security that requires a form login for every path, CSRF protection
 * on, and receives Skyvern webhooks with nothing configured for them.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableSkyvernWebhooks
class SecuredApplication {

	@Bean
	SecurityFilterChain applicationSecurity(HttpSecurity http) {
		return http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
			.formLogin(withDefaults())
			.build();
	}

	@Bean
	FinishedRuns finishedRuns() {
		return new FinishedRuns();
	}

	/**
	 * The application's listener.
	 */
	static class FinishedRuns {

		final List<String> runIds = new CopyOnWriteArrayList<>();

		final List<SkyvernRunFinishedEvent> events = new CopyOnWriteArrayList<>();

		@EventListener
		void onRunFinished(SkyvernRunFinishedEvent event) {
			this.runIds.add(event.getRun().runId());
			this.events.add(event);
		}

	}

}
