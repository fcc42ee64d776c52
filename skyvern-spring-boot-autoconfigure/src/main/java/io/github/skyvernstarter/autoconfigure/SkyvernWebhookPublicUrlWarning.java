package io.github.skyvernstarter.autoconfigure;

import java.util.concurrent.atomic.AtomicBoolean;

import io.github.skyvernstarter.webhook.SkyvernWebhookUrlCustomizer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Warns once, when the application has started, that the receiver gets no webhooks because runs
 * are not given a webhook URL, and names the URL at which the receiver answers.
 * <p>
 * It runs on {@link ContextRefreshedEvent} because the web server has its port by then, and checks
 * for a {@link SkyvernWebhookUrlCustomizer} bean rather than the property, so that an application
 * that fills the URL with its own customizer is not warned.
 */
final class SkyvernWebhookPublicUrlWarning implements ApplicationListener<ContextRefreshedEvent> {

	private static final Log logger = LogFactory.getLog(SkyvernWebhookPublicUrlWarning.class);

	private final ApplicationContext context;

	private final SkyvernWebhookProperties webhooks;

	private final AtomicBoolean checked = new AtomicBoolean();

	SkyvernWebhookPublicUrlWarning(ApplicationContext context, SkyvernWebhookProperties webhooks) {
		this.context = context;
		this.webhooks = webhooks;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedEvent event) {
		// A management server's child context publishes its own event to this (parent) context.
		if (event.getApplicationContext() != this.context || !this.checked.compareAndSet(false, true)) {
			return;
		}
		if (this.context.getBeanProvider(SkyvernWebhookUrlCustomizer.class).getIfAvailable() == null) {
			logger.warn("Skyvern webhooks are enabled but skyvern.webhooks.public-url is not set: runs started "
					+ "without a webhook_url of their own get none, so Skyvern sends them no webhook and their "
					+ "waits finish by polling. Set skyvern.webhooks.public-url to the public URL of this "
					+ "application; the receiver answers at " + receiverLocation() + ".");
		}
	}

	private String receiverLocation() {
		String path = SkyvernWebhookPaths.basePath(this.context) + this.webhooks.getPath();
		// The main server's port: a management server on its own port sets local.management.port instead.
		String port = this.context.getEnvironment().getProperty("local.server.port");
		return (port != null) ? path + " on port " + port : path;
	}

}
