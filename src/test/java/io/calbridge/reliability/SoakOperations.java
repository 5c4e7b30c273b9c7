package io.calbridge.reliability;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.util.DateTime;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;
import com.google.api.services.calendar.model.EventDateTime;
import tools.jackson.databind.JsonNode;

import io.calbridge.WebClient;

/**
 * The soak's random operations: a person in the CRM (through {@code /api/tasks}) and people in Google (through the
 * Calendar API as Ana, and Ben answering on his copy). Each operation runs to its end before the next starts, and
 * records in {@link SoakTask} what it wrote when it succeeded. Google-side calls address Ana's calendar as
 * {@code primary}, so the injected faults (aimed at CalBridge's calls, which name the calendar by its id) never hit
 * them: the people in Google are not the system under test.
 */
final class SoakOperations {

	enum Kind {
		CRM_CREATE(14), CRM_RETITLE(9), CRM_DESCRIBE(7), CRM_RESCHEDULE(9), CRM_COMPLETE(4), CRM_GUESTS(4),
		CRM_DELETE(3), GOOGLE_RETITLE(12), GOOGLE_DESCRIBE(7), GOOGLE_MOVE(12), GOOGLE_DELETE(3), GUEST_ANSWERS(8),
		OUTSIDE_GUEST_ANSWERS(4);

		final int weight;

		Kind(int weight) {
			this.weight = weight;
		}

	}

	static final String ACCOUNT = "ana.souza@example.com";

	static final String BEN = "ben.keller@example.com";

	static final String CHLOE = "chloe.martin@acme.example";

	private static final List<String> SUBJECTS = List.of("Kick-off with Acme", "Quarterly review with Lumen Labs",
			"Call Chloé about the renewal", "Send the Nordwind proposal", "Demo for Fjord Logistics",
			"Follow up on the Helios invoice", "Contract signing with Lumen Labs", "Onboarding call with Brightwave",
			"Price negotiation with Tecnoval", "Check in with Sakura Foods");

	private static final List<String> DESCRIPTIONS = List.of("Agenda: goals, timeline, owners.",
			"Numbers for Q4, renewal terms.", "Walk through the new pricing tiers.", "Bring the signed NDA.",
			"Questions about the SLA and support hours.", "Review the pilot results.");

	private static final List<String> ZONES = List.of("Europe/Berlin", "America/Sao_Paulo", "Asia/Tokyo", "UTC");

	private static final List<String> TYPES = List.of("call", "email", "meeting", "task", "follow_up");

	private static final List<String> ANSWERS = List.of("accepted", "declined", "tentative");

	private final Random random;

	private final WebClient crm;

	private final Calendar ana;

	private final Calendar ben;

	final List<SoakTask> tasks = new ArrayList<>();

	final Map<Kind, int[]> done = new EnumMap<>(Kind.class);

	final Map<Kind, int[]> skipped = new EnumMap<>(Kind.class);

	/** Time spent per kind of operation (the people's side only: HTTP round trips, password checks). */
	final Map<Kind, Long> millis = new EnumMap<>(Kind.class);

	int googleCalls;

	int crmConflictsMet;

	private int revision;

	/** The task the current operation works on. */
	private SoakTask touched;

	private final long started = System.nanoTime();

	private final int totalWeight;

	SoakOperations(Random random, WebClient crm, Calendar ana, Calendar ben) {
		this.random = random;
		this.crm = crm;
		this.ana = ana;
		this.ben = ben;
		for (Kind kind : Kind.values()) {
			done.put(kind, new int[1]);
			skipped.put(kind, new int[1]);
		}
		this.totalWeight = java.util.Arrays.stream(Kind.values()).mapToInt(k -> k.weight).sum();
	}

	/** Runs one random operation; returns what it was (a skipped one had no fitting task). */
	Kind next() throws IOException {
		int pick = random.nextInt(totalWeight);
		Kind kind = Kind.CRM_CREATE;
		for (Kind k : Kind.values()) {
			pick -= k.weight;
			if (pick < 0) {
				kind = k;
				break;
			}
		}
		touched = null;
		long opStart = System.nanoTime();
		boolean creating = tasks.size() < 5;
		boolean ran = creating ? create() : run(kind);
		Kind ranKind = creating ? Kind.CRM_CREATE : kind;
		(ran ? done : skipped).get(ranKind)[0]++;
		millis.merge(ranKind, (System.nanoTime() - opStart) / 1_000_000, Long::sum);
		if (ran && touched != null) {
			touched.history.add(String.format("%7d ms %s → %s", (System.nanoTime() - started) / 1_000_000,
					ranKind.name().toLowerCase(), touched.summary()));
		}
		return ranKind;
	}

	private boolean run(Kind kind) throws IOException {
		return switch (kind) {
			case CRM_CREATE -> create();
			case CRM_RETITLE -> crmEdit(t -> Map.of("title", nextTitle()), (t, p) -> t.title = (String) p.get("title"));
			case CRM_DESCRIBE -> crmDescribe();
			case CRM_RESCHEDULE -> crmReschedule();
			case CRM_COMPLETE -> crmEdit(t -> Map.of("status", random.nextBoolean() ? "completed" : "in_progress",
					"priority", List.of("low", "medium", "high").get(random.nextInt(3))), (t, p) -> {
						t.status = (String) p.get("status");
						t.priority = (String) p.get("priority");
					});
			case CRM_GUESTS -> crmGuests();
			case CRM_DELETE -> crmDelete();
			case GOOGLE_RETITLE -> googleRetitle();
			case GOOGLE_DESCRIBE -> googleDescribe();
			case GOOGLE_MOVE -> googleMove();
			case GOOGLE_DELETE -> googleDelete();
			case GUEST_ANSWERS -> benAnswers();
			case OUTSIDE_GUEST_ANSWERS -> outsideGuestAnswers();
		};
	}

	private String nextTitle() {
		return SUBJECTS.get(random.nextInt(SUBJECTS.size())) + " (rev " + (++revision) + ")";
	}

	private boolean create() {
		String zone = ZONES.get(random.nextInt(ZONES.size()));
		Map<String, Object> body = new HashMap<>();
		String title = nextTitle();
		body.put("title", title);
		String description = random.nextInt(4) == 0 ? null : DESCRIPTIONS.get(random.nextInt(DESCRIPTIONS.size()));
		String notes = random.nextInt(3) == 0 ? "Ask about the Lisbon office." : null;
		body.put("description", description);
		body.put("notes", notes);
		String type = TYPES.get(random.nextInt(TYPES.size()));
		body.put("type", type);
		body.put("timeZone", zone);
		body.put("contactName", "Chloé Martin");
		body.put("dealName", "Acme renewal 2027");
		List<Map<String, String>> guests = new ArrayList<>();
		if (random.nextInt(3) > 0) {
			guests.add(Map.of("email", BEN, "name", "Ben Keller"));
		}
		if (random.nextBoolean()) {
			guests.add(Map.of("email", CHLOE, "name", "Chloé Martin"));
		}
		body.put("attendees", guests);
		boolean allDay = random.nextInt(5) == 0;
		When when = randomWhen(zone, allDay);
		when.into(body);
		WebClient.Response created = crm.api("POST", "/api/tasks", body);
		if (created.status() != 201) {
			throw new IllegalStateException("create answered " + created.status() + ": " + created.body());
		}
		JsonNode json = created.json();
		SoakTask task = new SoakTask(json.get("id").asLong(), zone);
		task.version = json.get("version").asLong();
		task.title = title;
		task.description = description;
		task.notes = notes;
		task.type = type;
		task.priority = json.get("priority").asString();
		task.status = json.get("status").asString();
		when.into(task);
		guests.forEach(g -> task.answers.put(g.get("email"), "needsAction"));
		tasks.add(task);
		touched = task;
		return true;
	}

	/** A time in the next three months, in the task's zone: timed (30–120 min) or one to three whole days. */
	private When randomWhen(String zone, boolean allDay) {
		LocalDate day = LocalDate.now(ZoneId.of(zone)).plusDays(1 + random.nextInt(90));
		if (allDay) {
			return new When(true, null, null, day, day.plusDays(random.nextInt(3)));
		}
		ZonedDateTime start = day.atTime(8 + random.nextInt(10), random.nextBoolean() ? 0 : 30).atZone(ZoneId.of(zone));
		return new When(false, start.toInstant(), start.plusMinutes(30L * (1 + random.nextInt(4))).toInstant(), null,
				null);
	}

	record When(boolean allDay, Instant start, Instant end, LocalDate startDate, LocalDate endDate) {

		void into(Map<String, Object> body) {
			body.put("allDay", allDay);
			body.put("startAt", allDay ? null : start.toString());
			body.put("endAt", allDay ? null : end.toString());
			body.put("startDate", allDay ? startDate.toString() : null);
			body.put("endDate", allDay ? endDate.toString() : null);
		}

		void into(SoakTask task) {
			task.allDay = allDay;
			task.start = start;
			task.end = end;
			task.startDate = startDate;
			task.endDate = endDate;
		}

	}

	private SoakTask someLiveTask() {
		List<SoakTask> live = tasks.stream().filter(SoakTask::live).toList();
		touched = live.isEmpty() ? null : live.get(random.nextInt(live.size()));
		return touched;
	}

	interface Patch {

		Map<String, Object> of(SoakTask task);

	}

	interface Record {

		void apply(SoakTask task, Map<String, Object> patch);

	}

	/**
	 * A CRM client's edit, sent with the version it last saw, as an API client that keeps what it read does. A 409
	 * (Google's side changed the task meanwhile) makes it read again; a task showing a conflict is left alone (the
	 * person would settle it first).
	 */
	private boolean crmEdit(Patch patch, Record record) {
		SoakTask task = someLiveTask();
		if (task == null) {
			return false;
		}
		JsonNode current = null;
		for (int attempt = 0; attempt < 3; attempt++) {
			Map<String, Object> change = new LinkedHashMap<>(patch.of(task));
			if (change.containsKey("attendees")) {
				if (current == null) {
					current = read(task);
				}
				change.put("attendees", keepAnswers(current, change.get("attendees")));
			}
			Map<String, Object> body = new LinkedHashMap<>(change);
			body.put("version", task.version);
			WebClient.Response saved = crm.api("PATCH", "/api/tasks/" + task.id, body);
			if (saved.status() == 200) {
				task.version = saved.json().get("version").asLong();
				record.apply(task, change);
				return true;
			}
			if (saved.status() != 409) {
				throw new IllegalStateException("edit of task " + task.id + " answered " + saved.status() + ": "
						+ saved.body() + " for " + body);
			}
			current = read(task);
			if ("conflict".equals(current.get("sync").get("state").asString())) {
				crmConflictsMet++;
				return false;
			}
		}
		return false;
	}

	private JsonNode read(SoakTask task) {
		WebClient.Response read = crm.api("GET", "/api/tasks/" + task.id, null);
		if (read.status() != 200) {
			throw new IllegalStateException("task " + task.id + " answered " + read.status() + ": " + read.body());
		}
		task.version = read.json().get("version").asLong();
		return read.json();
	}

	/** A guest list as an API client sends it back: the answers it read kept, new guests without one. */
	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> keepAnswers(JsonNode current, Object wanted) {
		List<Map<String, Object>> out = new ArrayList<>();
		for (Map<String, Object> guest : (List<Map<String, Object>>) wanted) {
			Map<String, Object> g = new LinkedHashMap<>(guest);
			current.get("attendees").valueStream()
				.filter(a -> a.get("email").asString().equalsIgnoreCase((String) guest.get("email")))
				.findFirst()
				.ifPresent(a -> g.put("responseStatus", a.get("responseStatus").asString()));
			out.add(g);
		}
		return out;
	}

	private boolean crmDescribe() {
		String description = DESCRIPTIONS.get(random.nextInt(DESCRIPTIONS.size())) + " Update " + (++revision) + ".";
		String notes = random.nextBoolean() ? "Call back before " + (1 + random.nextInt(28)) + " December." : null;
		return crmEdit(t -> {
			Map<String, Object> p = new HashMap<>();
			p.put("description", description);
			if (notes != null) {
				p.put("notes", notes);
			}
			return p;
		}, (t, p) -> {
			t.description = description;
			if (notes != null) {
				t.notes = notes;
			}
		});
	}

	private boolean crmReschedule() {
		return crmEdit(t -> {
			Map<String, Object> p = new HashMap<>();
			randomWhen(t.zone, t.allDay).into(p);
			return p;
		}, (t, p) -> {
			if (Boolean.TRUE.equals(p.get("allDay"))) {
				t.startDate = LocalDate.parse((String) p.get("startDate"));
				t.endDate = LocalDate.parse((String) p.get("endDate"));
			}
			else {
				t.start = Instant.parse((String) p.get("startAt"));
				t.end = Instant.parse((String) p.get("endAt"));
			}
		});
	}

	/** Ben or Chloé invited or uninvited. */
	private boolean crmGuests() {
		String who = random.nextBoolean() ? BEN : CHLOE;
		return crmEdit(t -> {
			List<Map<String, Object>> guests = new ArrayList<>();
			for (String email : t.answers.keySet()) {
				if (!email.equals(who)) {
					guests.add(Map.of("email", email));
				}
			}
			if (!t.answers.containsKey(who)) {
				guests.add(Map.of("email", who));
			}
			return Map.of("attendees", guests);
		}, (t, p) -> {
			if (t.answers.containsKey(who)) {
				t.answers.remove(who);
			}
			else {
				t.answers.put(who, "needsAction");
			}
		});
	}

	private boolean crmDelete() {
		SoakTask task = someLiveTask();
		if (task == null) {
			return false;
		}
		for (int attempt = 0; attempt < 3; attempt++) {
			WebClient.Response deleted = crm.api("DELETE", "/api/tasks/" + task.id + "?version=" + task.version, null);
			if (deleted.status() == 204) {
				task.deletedInCrm = true;
				return true;
			}
			if (deleted.status() != 409) {
				throw new IllegalStateException("delete of task " + task.id + " answered " + deleted.status());
			}
			if ("conflict".equals(read(task).get("sync").get("state").asString())) {
				crmConflictsMet++;
				return false;
			}
		}
		return false;
	}

	/** A live task whose event exists by now (CalBridge has sent it); null when there is none. */
	private SoakTask someTaskWithEvent() {
		for (int tries = 0; tries < 5; tries++) {
			SoakTask task = someLiveTask();
			if (task == null) {
				return null;
			}
			if (task.eventId == null) {
				// As the person finds it in Google: by the task id CalBridge puts into its events.
				try {
					googleCalls++;
					List<Event> found = ana.events().list("primary")
						.setPrivateExtendedProperty(List.of("calbridgeTaskId=" + task.id))
						.execute()
						.getItems();
					if (found != null && !found.isEmpty()) {
						task.eventId = found.get(0).getId();
					}
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}
			if (task.eventId != null) {
				return task;
			}
		}
		return null;
	}

	private boolean googleRetitle() throws IOException {
		SoakTask task = someTaskWithEvent();
		if (task == null) {
			return false;
		}
		String title = nextTitle();
		return google(task, () -> ana.events().patch("primary", task.eventId, new Event().setSummary(title)).execute(),
				() -> task.title = title);
	}

	/** Someone rewrites the description's first part in Google and leaves the notes and CalBridge's footer. */
	private boolean googleDescribe() throws IOException {
		SoakTask task = someTaskWithEvent();
		if (task == null) {
			return false;
		}
		String description = "Changed in Google: " + DESCRIPTIONS.get(random.nextInt(DESCRIPTIONS.size())) + " ("
				+ (++revision) + ")";
		return guarded(task, event -> {
			String text = event.getDescription() == null ? "" : event.getDescription();
			String rest = text.startsWith("Notes:\n") || text.startsWith("---\n") ? text
					: text.contains("\n\n") ? text.substring(text.indexOf("\n\n") + 2) : "";
			return new Event().setDescription(description + (rest.isEmpty() ? "" : "\n\n" + rest));
		}, () -> task.description = description);
	}

	private boolean googleMove() throws IOException {
		SoakTask task = someTaskWithEvent();
		if (task == null) {
			return false;
		}
		When when = randomWhen(task.zone, task.allDay);
		Event moved = new Event();
		if (when.allDay()) {
			moved.setStart(new EventDateTime().setDate(new DateTime(when.startDate().toString())).setTimeZone(task.zone))
				.setEnd(new EventDateTime().setDate(new DateTime(when.endDate().plusDays(1).toString()))
					.setTimeZone(task.zone));
		}
		else {
			moved.setStart(new EventDateTime().setDateTime(new DateTime(when.start().toEpochMilli())).setTimeZone(task.zone))
				.setEnd(new EventDateTime().setDateTime(new DateTime(when.end().toEpochMilli())).setTimeZone(task.zone));
		}
		return google(task, () -> ana.events().patch("primary", task.eventId, moved).execute(), () -> when.into(task));
	}

	private boolean googleDelete() throws IOException {
		SoakTask task = someTaskWithEvent();
		if (task == null) {
			return false;
		}
		return google(task, () -> {
			ana.events().delete("primary", task.eventId).execute();
			return null;
		}, () -> task.deletedInGoogle = true);
	}

	/** Ben answers on his own copy; Google carries the answer to Ana's event. */
	private boolean benAnswers() throws IOException {
		SoakTask task = someTaskWithEvent();
		if (task == null || !task.answers.containsKey(BEN)) {
			return false;
		}
		String answer = ANSWERS.get(random.nextInt(ANSWERS.size()));
		Event copy;
		try {
			googleCalls++;
			copy = ben.events().get("primary", task.eventId).execute();
		}
		catch (GoogleJsonResponseException ex) {
			return false;
		}
		if ("cancelled".equals(copy.getStatus()) || copy.getAttendees() == null
				|| copy.getAttendees().stream().noneMatch(a -> BEN.equals(a.getEmail()))) {
			return false; // the invitation has not reached Ben yet (or he was uninvited)
		}
		copy.getAttendees().stream().filter(a -> BEN.equals(a.getEmail())).forEach(a -> a.setResponseStatus(answer));
		try {
			googleCalls++;
			Calendar.Events.Patch patch = ben.events().patch("primary", task.eventId,
					new Event().setAttendees(copy.getAttendees()));
			patch.getRequestHeaders().setIfMatch(copy.getEtag());
			patch.execute();
		}
		catch (GoogleJsonResponseException ex) {
			if (ex.getStatusCode() == 412 || ex.getStatusCode() == 404 || ex.getStatusCode() == 410) {
				return false;
			}
			throw ex;
		}
		task.answers.put(BEN, answer);
		return true;
	}

	/** An outside guest's answer arrives in Ana's event, as Google records a reply by mail. */
	private boolean outsideGuestAnswers() throws IOException {
		SoakTask task = someTaskWithEvent();
		if (task == null || !task.answers.containsKey(CHLOE)) {
			return false;
		}
		String answer = ANSWERS.get(random.nextInt(ANSWERS.size()));
		return guarded(task, event -> {
			List<EventAttendee> guests = event.getAttendees() == null ? List.of() : event.getAttendees();
			if (guests.stream().noneMatch(a -> CHLOE.equals(a.getEmail()))) {
				return null; // CalBridge has not sent the invitation yet
			}
			guests.stream().filter(a -> CHLOE.equals(a.getEmail())).forEach(a -> a.setResponseStatus(answer));
			return new Event().setAttendees(guests);
		}, () -> task.answers.put(CHLOE, answer));
	}

	interface GoogleWrite {

		Object run() throws IOException;

	}

	/** An unconditional write in Google; an event already gone (deleted by either side) makes it a no-op. */
	private boolean google(SoakTask task, GoogleWrite write, Runnable record) throws IOException {
		try {
			googleCalls++;
			write.run();
		}
		catch (GoogleJsonResponseException ex) {
			if (ex.getStatusCode() == 404 || ex.getStatusCode() == 410) {
				return false;
			}
			throw ex;
		}
		record.run();
		return true;
	}

	interface Change {

		Event of(Event current);

	}

	/**
	 * A read-modify-write in Google (the description's text, a guest list): sent with the etag read, as Google's
	 * own UI does, so it never overwrites what CalBridge wrote in between; a 412 reads again.
	 */
	private boolean guarded(SoakTask task, Change change, Runnable record) throws IOException {
		for (int attempt = 0; attempt < 3; attempt++) {
			Event current;
			try {
				googleCalls++;
				current = ana.events().get("primary", task.eventId).execute();
			}
			catch (GoogleJsonResponseException ex) {
				return false;
			}
			if ("cancelled".equals(current.getStatus())) {
				return false;
			}
			Event patch = change.of(current);
			if (patch == null) {
				return false;
			}
			try {
				googleCalls++;
				Calendar.Events.Patch request = ana.events().patch("primary", task.eventId, patch);
				request.getRequestHeaders().setIfMatch(current.getEtag());
				request.execute();
				record.run();
				return true;
			}
			catch (GoogleJsonResponseException ex) {
				if (ex.getStatusCode() != 412) {
					return false;
				}
			}
		}
		return false;
	}

	static Duration pause(Random random, Duration mean) {
		return Duration.of(random.nextLong(mean.toMillis() * 2 + 1), ChronoUnit.MILLIS);
	}

}
