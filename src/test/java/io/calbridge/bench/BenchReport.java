package io.calbridge.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * {@code bench/results.md}, shared by every benchmark: each one owns a named section between markers and
 * replaces only that, so running one benchmark keeps the others' latest figures. Each section says when and
 * where it was measured (the benchmarks run at different times), and {@code -Dbench.note=…} adds what the
 * machine was doing. Also the one way figures are shown: median (min–max) over runs.
 */
final class BenchReport {

	static final Path RESULTS = Path.of("bench", "results.md");

	static final int RUNS = Integer.getInteger("bench.runs", 3);

	private static final String HEADER = """
			# CalBridge benchmarks

			Written by the benchmarks themselves (`./mvnw -Pbench test`, README "Performance"); each section is
			replaced by its own benchmark's latest run and says when, on what and how busy the machine was. Figures
			are median (min–max) over the runs. They are measurements, not assertions.
			""";

	private BenchReport() {
	}

	/** Replaces (or appends) section {@code name} of the results file and prints it. */
	static void write(String name, String markdown) throws IOException {
		String begin = "<!-- bench:" + name + " -->";
		String end = "<!-- /bench:" + name + " -->";
		String section = begin + "\n" + markdown.strip() + "\n\n" + where() + "\n" + end;
		String current = Files.exists(RESULTS) ? Files.readString(RESULTS) : HEADER;
		int from = current.indexOf(begin);
		int to = current.indexOf(end);
		String updated = from >= 0 && to > from
				? current.substring(0, from) + section + current.substring(to + end.length())
				: current.stripTrailing() + "\n\n" + section + "\n";
		Files.createDirectories(RESULTS.getParent());
		Files.writeString(RESULTS, updated);
		System.out.println(section);
	}

	/** Machine, JDK, date, heap limit, load at the end of the run and the person's note about the machine. */
	static String where() {
		String note = System.getProperty("bench.note", "");
		return String.format(Locale.ROOT, "_Measured %s on %d cores, %d MiB max heap (-Xmx), JDK %s %s; load average %.2f at the end.%s_",
				LocalDate.now(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
				System.getProperty("java.vendor"), System.getProperty("java.version"),
				ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
				note.isBlank() ? "" : " " + note);
	}

	/** A figure over runs: the median, and (min–max) when there was more than one run. */
	static <R> String spread(List<R> runs, ToDoubleFunction<R> figure, String format) {
		double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
		String median = String.format(Locale.ROOT, format, values[values.length / 2]);
		return values.length == 1 ? median : median + " (" + String.format(Locale.ROOT, format, values[0]) + "–"
				+ String.format(Locale.ROOT, format, values[values.length - 1]) + ")";
	}

	/** The p-th percentile (nearest rank) of samples, e.g. latencies of one run. */
	static double percentile(double[] samples, double p) {
		double[] sorted = samples.clone();
		Arrays.sort(sorted);
		int rank = (int) Math.ceil(p / 100 * sorted.length);
		return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
	}

}
