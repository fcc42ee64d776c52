package io.github.skyvernstarter.autoconfigure;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import io.github.skyvernstarter.model.RunQuery;
import io.github.skyvernstarter.model.RunTags;
import io.github.skyvernstarter.model.RunWorkflowRequest;
import io.github.skyvernstarter.model.SkyvernHeaders;
import io.github.skyvernstarter.model.SkyvernJson;
import io.github.skyvernstarter.model.SkyvernRun;
import io.github.skyvernstarter.model.SkyvernTimestampDeserializer;
import io.github.skyvernstarter.model.SkyvernWebhookBody;
import io.github.skyvernstarter.model.TaskRunRequest;
import io.github.skyvernstarter.model.WorkflowRunQuery;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.annotation.JsonDeserialize;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.aot.AotServices;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.core.type.classreading.SimpleMetadataReaderFactory;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SkyvernRuntimeHints}: every type Skyvern's JSON mapper may bind has the reflection a
 * native image needs, found by scanning the starter's classes so that a new public model type, or a new
 * Jackson-annotated type, without hints fails here.
 */
class SkyvernRuntimeHintsTests {

	/**
	 * Public types of the model package that Jackson never binds, and why; any other public type of the
	 * package, or any type in the starter that carries a Jackson annotation, must be a bound type.
	 */
	private static final Map<Class<?>, String> NOT_BOUND = Map.of(SkyvernJson.class, "the mapper itself",
			SkyvernTimestampDeserializer.class, "a deserializer, checked through the annotations that name it",
			RunWorkflowRequest.class, "mapped field by field to the request body by RunWorkflowBody",
			RunWorkflowRequest.Builder.class, "the request's builder", SkyvernWebhookBody.class,
			"the webhook body parser, which reads SkyvernRun", SkyvernWebhookBody.ParsedRun.class,
			"the parser's result, never read or written as JSON", SkyvernHeaders.class,
			"Skyvern's header names, constants only");

	/** Run queries, tag rules and task requests: mapped to query parameters or body fields, never bound. */
	private static final Map<Class<?>, String> NOT_BOUND_QUERIES = Map.of(RunQuery.class, "query parameters",
			RunQuery.Builder.class, "the query's builder", WorkflowRunQuery.class, "query parameters",
			WorkflowRunQuery.Builder.class, "the query's builder", RunTags.class, "tag rules, static methods only",
			TaskRunRequest.class, "mapped field by field to the request body by TaskRunMapping",
			TaskRunRequest.Builder.class, "the request's builder");

	private final RuntimeHints hints = new RuntimeHints();

	SkyvernRuntimeHintsTests() {
		new SkyvernRuntimeHints().registerHints(this.hints, getClass().getClassLoader());
	}

	@Test
	void isRegisteredInAotFactories() {
		assertThat(AotServices.factories(getClass().getClassLoader()).load(RuntimeHintsRegistrar.class))
			.hasAtLeastOneElementOfType(SkyvernRuntimeHints.class);
	}

	@Test
	void everyModelTypeAndEveryJacksonAnnotatedTypeIsBound() throws Exception {
		List<Class<?>> boundByJackson = starterClasses().stream()
			.filter((type) -> !NOT_BOUND.containsKey(type))
			.filter((type) -> !NOT_BOUND_QUERIES.containsKey(type))
			.filter((type) -> isPublicModelType(type) || hasJacksonAnnotation(type))
			.toList();
		assertThat(boundByJackson).contains(SkyvernRun.class, SkyvernRun.class.getNestHost());
		assertThat(SkyvernRuntimeHints.BOUND_TYPES)
			.as("model types and Jackson-annotated types without hints: add them to SkyvernRuntimeHints.BOUND_TYPES")
			.containsAll(boundByJackson);
	}

	@Test
	void boundTypesCanBeReflectedOnAsJacksonDoes() {
		for (Class<?> type : SkyvernRuntimeHints.BOUND_TYPES) {
			assertThat(RuntimeHintsPredicates.reflection().onType(type)).as(type.getName()).accepts(this.hints);
			if (type.isRecord()) {
				Constructor<?> canonical = canonicalConstructor(type);
				assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(canonical))
					.as("canonical constructor of %s", type.getName())
					.accepts(this.hints);
				for (RecordComponent component : type.getRecordComponents()) {
					assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
						.as("accessor %s of %s", component.getName(), type.getName())
						.accepts(this.hints);
				}
			}
			for (Method method : type.getDeclaredMethods()) {
				if (isJacksonAnnotated(method)) {
					assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method))
						.as("Jackson-annotated method %s of %s", method.getName(), type.getName())
						.accepts(this.hints);
				}
			}
		}
	}

	@Test
	void deserializersNamedByAnnotationsCanBeInstantiated() {
		// On a record component, @JsonDeserialize lands on the field (and accessor), not the component.
		List<Class<?>> deserializers = SkyvernRuntimeHints.BOUND_TYPES.stream()
			.flatMap((type) -> Arrays.stream(type.getDeclaredFields()))
			.map((field) -> field.getAnnotation(JsonDeserialize.class))
			.filter(Objects::nonNull)
			.<Class<?>>map(JsonDeserialize::using)
			.distinct()
			.toList();
		assertThat(deserializers).contains(SkyvernTimestampDeserializer.class);
		for (Class<?> deserializer : deserializers) {
			assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(noArgConstructor(deserializer)))
				.as(deserializer.getName())
				.accepts(this.hints);
		}
	}

	@Test
	void versionResourceIsIncludedAndExists() {
		assertThat(RuntimeHintsPredicates.resource().forResource(SkyvernRuntimeHints.VERSION_RESOURCE))
			.accepts(this.hints);
		assertThat(new ClassPathResource(SkyvernRuntimeHints.VERSION_RESOURCE).exists()).isTrue();
	}

	private static List<Class<?>> starterClasses() throws IOException, ClassNotFoundException {
		// The starter's own classes only: the test classes share its packages.
		URL mainClasses = SkyvernRun.class.getProtectionDomain().getCodeSource().getLocation();
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		MetadataReaderFactory readers = new SimpleMetadataReaderFactory(resolver);
		List<Class<?>> classes = new ArrayList<>();
		for (Resource resource : resolver.getResources("classpath*:io/github/skyvernstarter/**/*.class")) {
			String name = readers.getMetadataReader(resource).getClassMetadata().getClassName();
			Class<?> type = ClassUtils.forName(name, SkyvernRuntimeHintsTests.class.getClassLoader());
			if (!type.getSimpleName().equals("package-info")
					&& mainClasses.equals(type.getProtectionDomain().getCodeSource().getLocation())) {
				classes.add(type);
			}
		}
		assertThat(classes).as("classes found next to SkyvernRun").hasSizeGreaterThan(10);
		return classes;
	}

	private static boolean isPublicModelType(Class<?> type) {
		return type.getPackageName().equals(SkyvernRun.class.getPackageName()) && Modifier.isPublic(type.getModifiers());
	}

	private static boolean hasJacksonAnnotation(Class<?> type) {
		Stream<AnnotatedElement> members = Stream.concat(Arrays.stream(type.getDeclaredMethods()),
				Arrays.stream(type.getDeclaredFields()));
		Stream<AnnotatedElement> components = type.isRecord() ? Arrays.stream(type.getRecordComponents())
				: Stream.empty();
		return isJacksonAnnotated(type)
				|| Stream.concat(members, components).anyMatch(SkyvernRuntimeHintsTests::isJacksonAnnotated);
	}

	private static boolean isJacksonAnnotated(AnnotatedElement element) {
		for (Annotation annotation : element.getDeclaredAnnotations()) {
			String name = annotation.annotationType().getName();
			if (name.startsWith("com.fasterxml.jackson.annotation.") || name.startsWith("tools.jackson.")) {
				return true;
			}
		}
		return false;
	}

	private static Constructor<?> canonicalConstructor(Class<?> record) {
		Class<?>[] types = Arrays.stream(record.getRecordComponents())
			.map(RecordComponent::getType)
			.toArray(Class<?>[]::new);
		try {
			return record.getDeclaredConstructor(types);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static Constructor<?> noArgConstructor(Class<?> type) {
		try {
			return type.getDeclaredConstructor();
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(type.getName() + " has no no-argument constructor", ex);
		}
	}

}
