package io.github.skyvernstarter.webhook;

import io.github.skyvernstarter.support.CountingVirtualTimeScheduler;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * How the receiver reads bodies in a Spring MVC application on a Tomcat with 4 threads.
 */
@SpringBootTest(classes = { WebhookTestApplication.class, MvcSkyvernWebhookBodyLimitsTests.VirtualTimeReceiver.class },
		webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.main.web-application-type=servlet",
				"server.tomcat.threads.max=4", "server.tomcat.threads.min-spare=1" })
class MvcSkyvernWebhookBodyLimitsTests extends AbstractSkyvernWebhookBodyLimitsTests {

	@TestConfiguration(proxyBeanMethods = false)
	static class VirtualTimeReceiver {

		@Bean
		CountingVirtualTimeScheduler virtualTimeScheduler() {
			return new CountingVirtualTimeScheduler();
		}

		@Bean
		SimpleUrlHandlerMapping virtualTimeWebhookHandlerMapping(SkyvernWebhookReceiver receiver,
				SkyvernWebhookBodyBudget budget, CountingVirtualTimeScheduler timer) {
			SimpleUrlHandlerMapping mapping = ServletSkyvernWebhookHandler.handlerMapping(PATH,
					new ServletSkyvernWebhookHandler(receiver, budget, BODY_READ_TIMEOUT, timer));
			mapping.setOrder(ServletSkyvernWebhookHandler.HANDLER_MAPPING_ORDER - 1);
			return mapping;
		}

	}

}
