package io.github.skyvernstarter.fake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fake's route table: a method and a path template ({@code /v1/runs/{runId}/cancel}) per handler,
 * so that a new Skyvern operation is one {@link #add} line and one handler method.
 * <p>
 * Routes are tried in the order they were added, so a literal path ({@code /v1/runs/cancel}) added
 * before a template that also matches it ({@code /v1/runs/{runId}}) wins. A path that matches a route
 * for another method answers 405, a path that matches none 404, both in Skyvern's error JSON.
 */
final class FakeRoutes {

	private static final Pattern VARIABLE = Pattern.compile("\\{([A-Za-z][A-Za-z0-9]*)}");

	private final List<Route> routes = new ArrayList<>();

	/**
	 * Add a route.
	 * @param method the HTTP method
	 * @param template the path, with {@code {name}} for one path segment
	 * @param handler what answers it
	 * @return this table
	 */
	FakeRoutes add(String method, String template, Handler handler) {
		List<String> names = new ArrayList<>();
		StringBuilder regex = new StringBuilder();
		Matcher variable = VARIABLE.matcher(template);
		int end = 0;
		while (variable.find()) {
			regex.append(Pattern.quote(template.substring(end, variable.start()))).append("([^/]+)");
			names.add(variable.group(1));
			end = variable.end();
		}
		regex.append(Pattern.quote(template.substring(end)));
		this.routes.add(new Route(method.toUpperCase(Locale.ROOT), Pattern.compile(regex.toString()), names, handler));
		return this;
	}

	FakeResponse dispatch(FakeRequest request) {
		String path = withoutTrailingSlash(request.path());
		boolean pathKnown = false;
		for (Route route : this.routes) {
			Matcher matcher = route.pattern().matcher(path);
			if (!matcher.matches()) {
				continue;
			}
			if (!route.method().equals(request.method())) {
				pathKnown = true;
				continue;
			}
			Map<String, String> variables = new LinkedHashMap<>();
			for (int i = 0; i < route.names().size(); i++) {
				variables.put(route.names().get(i), matcher.group(i + 1));
			}
			return route.handler().handle(request, variables);
		}
		return pathKnown ? FakeResponse.error(405, "Method Not Allowed") : FakeResponse.error(404, "Not Found");
	}

	private static String withoutTrailingSlash(String path) {
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

	/**
	 * Answers one route.
	 */
	@FunctionalInterface
	interface Handler {

		/**
		 * Answer a request.
		 * @param request the request
		 * @param variables the path variables by name, for example {@code runId}
		 * @return the answer
		 */
		FakeResponse handle(FakeRequest request, Map<String, String> variables);

	}

	private record Route(String method, Pattern pattern, List<String> names, Handler handler) {

	}

}
