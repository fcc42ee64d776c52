package io.github.skyvernstarter.docs.webhooks;

import java.time.Duration;

import io.github.skyvernstarter.webhook.SkyvernWebhookIdempotencyStore;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

@Configuration(proxyBeanMethods = false)
class SharedIdempotencyStoreConfiguration {

	@Bean
	SkyvernWebhookIdempotencyStore sharedSkyvernWebhookStore(StringRedisTemplate redis) {
		return new SkyvernWebhookIdempotencyStore() {

			@Override
			public Claim claim(DeliveryKey key) {
				String name = "skyvern-webhook:" + key.asString();
				if (Boolean.TRUE.equals(redis.opsForValue().setIfAbsent(name, "processing", Duration.ofMinutes(2)))) {
					return Claim.CLAIMED;
				}
				return "done".equals(redis.opsForValue().get(name)) ? Claim.ALREADY_PROCESSED : Claim.IN_PROGRESS;
			}

			@Override
			public void markProcessed(DeliveryKey key) {
				redis.opsForValue().set("skyvern-webhook:" + key.asString(), "done", Duration.ofHours(24));
			}

			@Override
			public void release(DeliveryKey key) {
				redis.delete("skyvern-webhook:" + key.asString());
			}

		};
	}

}
