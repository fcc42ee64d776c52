package io.github.skyvernstarter.webhook;

import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * How the receiver reads bodies in a Spring WebFlux application on Reactor Netty.
 */
@SpringBootTest(classes = { WebhookTestApplication.class, WebFluxSkyvernWebhookBodyLimitsTests.VirtualTimeReceiver.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.main.web-application-type=reactive",
				"spring.autoconfigure.exclude=org.springframework.boot.tomcat.autoconfigure.reactive.TomcatReactiveWebServerAutoConfiguration" })
class WebFluxSkyvernWebhookBodyLimitsTests extends AbstractSkyvernWebhookBodyLimitsTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class VirtualTimeReceiver {

		@Bean
		CountingVirtualTimeScheduler virtualTimeScheduler() {
			return new CountingVirtualTimeScheduler();
		}

		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		RouterFunction<ServerResponse> virtualTimeWebhookRouterFunction(SkyvernWebhookReceiver receiver,
				SkyvernWebhookBodyBudget budget, CountingVirtualTimeScheduler timer) {
			return ReactiveSkyvernWebhookHandler.routerFunction(PATH, new ReactiveSkyvernWebhookHandler(
					receiver, Schedulers.boundedElastic(), budget, BODY_READ_TIMEOUT, timer));
		}

	}

}
