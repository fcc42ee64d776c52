package io.github.skyvernstarter.webhook;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * An application that receives Skyvern webhooks, as a user would write it.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableSkyvernWebhooks
class WebhookTestApplication {

	@Bean
	RunFinishedRecorder runFinishedRecorder() {
		return new RunFinishedRecorder();
	}

}
