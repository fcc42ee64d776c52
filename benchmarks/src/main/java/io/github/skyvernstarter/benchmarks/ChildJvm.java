package io.github.skyvernstarter.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Runs one measurement in a fresh JVM on this JVM's class path, so that threads, heap, JIT state and
 * startup belong to that measurement alone; the child writes its figures to a properties file.
 */
final class ChildJvm {

	private final Path workDir;

	private final Path javaHome;

	ChildJvm(Path workDir) {
		this(workDir, Path.of(System.getProperty("java.home")));
	}

	private ChildJvm(Path workDir, Path javaHome) {
		this.workDir = workDir;
		this.javaHome = javaHome;
	}

	/**
	 * Return a launcher of the same class path on another JDK (the classes are compiled for the
	 * oldest supported one).
	 */
	ChildJvm onJdk(Path javaHome) {
		return new ChildJvm(this.workDir, javaHome);
	}

	/**
	 * Return the major version of this launcher's JDK, read from its {@code release} file.
	 */
	String javaVersion() {
		try {
			for (String line : Files.readAllLines(this.javaHome.resolve("release"))) {
				if (line.startsWith("JAVA_VERSION=")) {
					return line.substring("JAVA_VERSION=".length()).replace("\"", "");
				}
			}
		}
		catch (IOException ex) {
			// Unknown: the caller shows the path instead.
		}
		return this.javaHome.toString();
	}

	/**
	 * Run a main class to completion and return the figures it wrote.
	 */
	Properties run(String name, List<String> jvmOptions, Class<?> mainClass, List<String> args, long timeoutSeconds) {
		Path result = this.workDir.resolve(name + ".properties");
		List<String> childArgs = new ArrayList<>(args);
		childArgs.add(0, result.toString());
		Process process = start(name, jvmOptions, mainClass, childArgs);
		try {
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(name + " did not finish within " + timeoutSeconds + " s; see "
						+ log(name));
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log(name));
			}
			return Results.read(result);
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Start a main class in the background; its output goes to a log file beside the results.
	 */
	Process start(String name, List<String> jvmOptions, Class<?> mainClass, List<String> args) {
		List<String> command = new ArrayList<>();
		command.add(this.javaHome.resolve("bin").resolve("java").toString());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(mainClass.getName());
		command.addAll(args);
		try {
			Files.createDirectories(this.workDir);
			return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log(name).toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	Path log(String name) {
		return this.workDir.resolve(name + ".log");
	}

	/**
	 * Wait until a background child writes a line starting with the prefix to its log, and return the
	 * rest of that line.
	 */
	String awaitLine(String name, Process process, String prefix, long timeoutSeconds) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
		while (System.nanoTime() < deadline) {
			if (!process.isAlive()) {
				throw new IllegalStateException(name + " exited early; see " + log(name));
			}
			try (InputStream in = Files.newInputStream(log(name))) {
				for (String line : new String(in.readAllBytes()).split("\n")) {
					if (line.startsWith(prefix)) {
						return line.substring(prefix.length()).trim();
					}
				}
				Thread.sleep(50);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
		throw new IllegalStateException(name + " did not print '" + prefix + "' within " + timeoutSeconds + " s");
	}

}
