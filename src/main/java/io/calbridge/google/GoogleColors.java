package io.calbridge.google;

import java.util.Comparator;
import java.util.List;

/**
 * Google Calendar's event colours as the API numbers them ({@code colors.get}, "event"). Google's web UI shows
 * other shades for the same ids; mapping must use this palette (GOOGLE-API-FACTS.md).
 */
public final class GoogleColors {

	/** One event colour: the API's id and hex, and the name Google's UI gives it (people know the names). */
	public record EventColor(String id, String hex, String name) {
	}

	public static final List<EventColor> EVENT_PALETTE = List.of(new EventColor("1", "#a4bdfc", "Lavender"),
			new EventColor("2", "#7ae7bf", "Sage"), new EventColor("3", "#dbadff", "Grape"),
			new EventColor("4", "#ff887c", "Flamingo"), new EventColor("5", "#fbd75b", "Banana"),
			new EventColor("6", "#ffb878", "Tangerine"), new EventColor("7", "#46d6db", "Peacock"),
			new EventColor("8", "#e1e1e1", "Graphite"), new EventColor("9", "#5484ed", "Blueberry"),
			new EventColor("10", "#51b749", "Basil"), new EventColor("11", "#dc2127", "Tomato"));

	private GoogleColors() {
	}

	/** The palette colour nearest to {@code hex} ("#rrggbb") by distance in RGB. */
	public static EventColor nearest(String hex) {
		int[] rgb = rgb(hex);
		return EVENT_PALETTE.stream().min(Comparator.comparingInt(c -> distance(rgb, rgb(c.hex())))).orElseThrow();
	}

	public static boolean isHexColor(String value) {
		return value != null && value.matches("#[0-9a-fA-F]{6}");
	}

	private static int distance(int[] a, int[] b) {
		int r = a[0] - b[0], g = a[1] - b[1], bl = a[2] - b[2];
		return r * r + g * g + bl * bl;
	}

	private static int[] rgb(String hex) {
		if (!isHexColor(hex)) {
			throw new IllegalArgumentException("Not a #rrggbb colour: " + hex);
		}
		int value = Integer.parseInt(hex.substring(1), 16);
		return new int[] { value >> 16 & 0xff, value >> 8 & 0xff, value & 0xff };
	}

}
