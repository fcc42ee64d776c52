package io.github.skyvernstarter.docs.nativeimage;

import org.springframework.aot.hint.annotation.RegisterReflectionForBinding;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
@RegisterReflectionForBinding(Invoice.class)
public class BillingApplication {
	// ...
}
