package io.calbridge.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * The event's description: the task's description, the Meet link, the notes, then a footer with the CRM facts
 * and a "Managed by CalBridge" line. On the way back only the description and notes are read; the link line and
 * the footer are stripped, so nothing grows from round trips.
 */
final class EventDescription {

	static final String FOOTER_MARK = "\n---\nType: ";

	static final String NOTES_MARK = "Notes:\n";

	static final String MEET_PREFIX = "Join with Google Meet: ";

	static final String MANAGED = "Managed by CalBridge";

	record Footer(String type, String priority, String status, String contact, String deal) {
	}

	record Parsed(String description, String notes) {
	}

	private EventDescription() {
	}

	static String format(String description, String meetLink, String notes, Footer footer) {
		List<String> blocks = new ArrayList<>();
		if (description != null) {
			blocks.add(description);
		}
		if (meetLink != null) {
			blocks.add(MEET_PREFIX + meetLink);
		}
		if (notes != null) {
			blocks.add(NOTES_MARK + notes);
		}
		StringBuilder footerText = new StringBuilder("---\nType: ").append(footer.type())
			.append("\nPriority: ").append(footer.priority())
			.append("\nStatus: ").append(footer.status());
		if (footer.contact() != null) {
			footerText.append("\nContact: ").append(footer.contact());
		}
		if (footer.deal() != null) {
			footerText.append("\nDeal: ").append(footer.deal());
		}
		footerText.append('\n').append(MANAGED);
		blocks.add(footerText.toString());
		return String.join("\n\n", blocks);
	}

	/** The person's text in an event description, whoever last edited it. */
	static Parsed parse(String text) {
		if (text == null || text.isBlank()) {
			return new Parsed(null, null);
		}
		String body = text.replace("\r\n", "\n");
		int footer = ("\n" + body).lastIndexOf(FOOTER_MARK);
		if (footer >= 0) {
			body = body.substring(0, Math.max(footer - 1, 0));
		}
		List<String> kept = new ArrayList<>();
		for (String line : body.split("\n", -1)) {
			if (!line.startsWith(MEET_PREFIX)) {
				kept.add(line);
			}
		}
		body = String.join("\n", kept);
		String notes = null;
		int notesAt = body.startsWith(NOTES_MARK) ? 0 : body.lastIndexOf("\n" + NOTES_MARK);
		if (notesAt > 0) {
			notesAt++; // past the line break, at "Notes:"
		}
		if (notesAt >= 0) {
			notes = body.substring(notesAt + NOTES_MARK.length());
			body = body.substring(0, notesAt);
		}
		return new Parsed(blankToNull(body), blankToNull(notes));
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
