package io.github.skyvernstarter.store;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.InetSocketAddress;
import java.net.Socket;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a test class only when a service it needs (PostgreSQL, MariaDB, Redis on loopback) answers;
 * with {@code CI=true} an unreachable service fails the class loudly instead of skipping it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresService.Condition.class)
@interface RequiresService {

	/**
	 * The service needed.
	 * @return the service
	 */
	Service value();

	enum Service {

		POSTGRESQL(5432), MARIADB(3306), REDIS(6379);

		final int port;

		Service(int port) {
			this.port = port;
		}

	}

	class Condition implements ExecutionCondition {

		@Override
		public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
			Service service = AnnotationSupport.findAnnotation(context.getElement(), RequiresService.class)
				.map(RequiresService::value)
				.orElse(null);
			if (service == null) {
				return ConditionEvaluationResult.enabled("no service needed");
			}
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", service.port), 1000);
				return ConditionEvaluationResult.enabled(service + " answers on 127.0.0.1:" + service.port);
			}
			catch (IOException ex) {
				String message = service + " is not reachable on 127.0.0.1:" + service.port + " (" + ex.getMessage()
						+ ")";
				if ("true".equalsIgnoreCase(System.getenv("CI"))) {
					throw new IllegalStateException(message + ": CI=true, so the tests that need it fail");
				}
				return ConditionEvaluationResult.disabled(message + ": skipped (set CI=true to fail instead)");
			}
		}

	}

}
