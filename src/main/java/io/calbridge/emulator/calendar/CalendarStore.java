package io.calbridge.emulator.calendar;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.google.api.services.calendar.model.Event;
import com.google.api.services.calendar.model.EventAttendee;

import io.calbridge.emulator.EmulatorProperties;
import io.calbridge.emulator.calendar.EmulatedCalendar.Version;
import io.calbridge.emulator.calendar.GoogleAccounts.CalendarInfo;
import jakarta.annotation.PreDestroy;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * All events of all emulated calendars, in memory. One lock keeps every write and every listing consistent
 * with the store-wide change number that sync tokens point at; listeners (push) hear about changes after the
 * lock is released, never inside it.
 */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
public class CalendarStore {

	private final GoogleAccounts accounts;

	private final EmulatorProperties properties;

	private final Map<String, EmulatedCalendar> calendars = new LinkedHashMap<>();

	private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

	private final ScheduledExecutorService conferences = Executors.newSingleThreadScheduledExecutor(r -> {
		Thread t = new Thread(r, "emulator-meet");
		t.setDaemon(true);
		return t;
	});

	private long seq;

	/** Calendars written during the current locked step (guests' copies included), to notify afterwards. */
	private final Set<String> touched = new LinkedHashSet<>();

	private long generation;

	private final MailLog mail;

	public CalendarStore(GoogleAccounts accounts, EmulatorProperties properties) {
		this.accounts = accounts;
		this.properties = properties;
		this.mail = new MailLog(accounts);
		reset();
	}

	/** The mail Google would have sent for the writes so far (cleared by a reset). */
	public MailLog mail() {
		return mail;
	}

	@PreDestroy
	void stop() {
		conferences.shutdownNow();
	}

	/** Called with a calendar id after each change to it (API, page, admin or a finished Meet conference). */
	public void onChange(Consumer<String> listener) {
		listeners.add(listener);
	}

	public synchronized void reset() {
		generation = System.nanoTime();
		calendars.clear();
		touched.clear();
		mail.clear();
		for (CalendarInfo info : accounts.calendars()) {
			calendars.put(info.id(), new EmulatedCalendar(info));
		}
		SeedEvents.plant(this, accounts);
	}

	public synchronized void expireSyncTokens() {
		// A change number of its own, so tokens issued from now on stay valid and every earlier one answers 410.
		seq++;
		calendars.values().forEach(c -> c.minValidSeq = seq);
	}

	public Event get(String calendarId, String eventId) {
		synchronized (this) {
			EmulatedCalendar cal = calendar(calendarId);
			return cal.find(eventId).map(v -> v.event().clone()).or(() -> instance(cal, eventId))
				.orElseThrow(GoogleError::notFound);
		}
	}

	public synchronized EventPage list(String calendarId, EventQuery query) {
		return EventListing.page(calendar(calendarId), query, seq, generation);
	}

	public Event insert(String calendarId, Event body, Writer writer) {
		Event stored;
		String requestId;
		Set<String> changed;
		synchronized (this) {
			EmulatedCalendar cal = writable(calendarId);
			EventWrites.Prepared prepared = EventWrites.forInsert(cal, body, writer);
			requestId = prepared.conferenceRequestId();
			stored = store(cal, prepared.event());
			Invitations.mirror(calendars, cal, stored, null, this::store, null);
			mail.written(calendarId, null, stored, writer.sendUpdates());
			changed = drainTouched();
		}
		afterWrite(changed, calendarId, stored, requestId);
		return stored.clone();
	}

	public Event update(String calendarId, String eventId, Event body, Writer writer) {
		Written written;
		Set<String> changed;
		synchronized (this) {
			written = replace(writable(calendarId), eventId, body, writer);
			changed = drainTouched();
		}
		afterWrite(changed, calendarId, written.event(), written.conferenceRequestId());
		return written.event().clone();
	}

	public Event patch(String calendarId, String eventId, String patchJson, Writer writer) {
		Written written;
		Set<String> changed;
		synchronized (this) {
			EmulatedCalendar cal = writable(calendarId);
			Event current = currentForWrite(cal, eventId);
			EventWrites.checkIfMatch(current, writer.ifMatch());
			Event merged = EventJson.merge(current, patchJson);
			if (writer.conferenceDataVersion() < 1) {
				merged.setConferenceData(current.getConferenceData());
			}
			written = replace(cal, eventId, merged, writer);
			changed = drainTouched();
		}
		afterWrite(changed, calendarId, written.event(), written.conferenceRequestId());
		return written.event().clone();
	}

	/** A stored version and, when the write asked for a Meet conference, the request to complete later. */
	private record Written(Event event, String conferenceRequestId) {
	}

	/** PUT semantics on the current version (or on a recurring instance, which becomes an exception). */
	private Written replace(EmulatedCalendar cal, String eventId, Event body, Writer writer) {
		Event current = currentForWrite(cal, eventId);
		EventWrites.checkIfMatch(current, writer.ifMatch());
		EventWrites.Prepared prepared = EventWrites.forReplace(current, body, writer);
		String requestId = prepared.conferenceRequestId();
		Event stored = store(cal, prepared.event());
		Invitations.mirror(calendars, cal, stored, current, this::store, null);
		mail.written(cal.info.id(), current, stored, writer.sendUpdates());
		if (!Boolean.TRUE.equals(stored.getOrganizer() == null ? null : stored.getOrganizer().getSelf())) {
			cal.info.ownerEmail().ifPresent(me -> {
				mail.answered(cal.info.id(), stored, status(current, me), status(stored, me), writer.sendUpdates());
				Invitations.reflect(calendars, stored, me, this::store);
			});
		}
		return new Written(stored, requestId);
	}

	public void delete(String calendarId, String eventId, Writer writer) {
		Set<String> changed;
		synchronized (this) {
			EmulatedCalendar cal = writable(calendarId);
			Optional<Version> stored = cal.find(eventId);
			if (stored.isPresent() && stored.get().cancelled()) {
				throw GoogleError.deleted();
			}
			Event current = stored.map(Version::event).or(() -> instance(cal, eventId)).orElseThrow(GoogleError::notFound);
			EventWrites.checkIfMatch(current, writer.ifMatch());
			declineIfInvited(cal, current, writer.sendUpdates());
			mail.written(calendarId, current, current.clone().setStatus("cancelled"), writer.sendUpdates());
			cancel(cal, current.clone());
			if (current.getRecurrence() != null) {
				cal.events.values().stream().map(Version::event)
					.filter(e -> eventId.equals(e.getRecurringEventId()) && !"cancelled".equals(e.getStatus()))
					.toList().forEach(e -> cancel(cal, e.clone()));
			}
			changed = drainTouched();
		}
		fireAll(changed);
	}

	/**
	 * Google's {@code events.move}: the event leaves {@code calendarId} (its sync tokens see a cancellation) and
	 * arrives in {@code destination} with the same id, guests, answers and conference, and a new etag.
	 */
	public Event move(String calendarId, String eventId, String destination) {
		Event stored;
		Set<String> changed;
		synchronized (this) {
			EmulatedCalendar from = writable(calendarId);
			EmulatedCalendar to = writable(destination);
			Event current = from.find(eventId).map(Version::event)
				.filter(e -> !"cancelled".equals(e.getStatus()))
				.orElseThrow(GoogleError::notFound);
			if (to.find(eventId).filter(v -> !v.cancelled()).isPresent()) {
				throw GoogleError.duplicate();
			}
			Event moved = current.clone();
			cancel(from, current.clone());
			stored = store(to, moved);
			changed = drainTouched();
		}
		fireAll(changed);
		return stored.clone();
	}

	/** The guest's answer to an invitation on their own copy, as the Google Calendar page's Yes/No/Maybe does. */
	public Event respond(String calendarId, String eventId, String email, String responseStatus) {
		Event stored;
		Set<String> changed;
		synchronized (this) {
			EmulatedCalendar cal = calendar(calendarId);
			Event e = currentForWrite(cal, eventId).clone();
			EventAttendee me = e.getAttendees() == null ? null : e.getAttendees().stream()
				.filter(a -> email.equalsIgnoreCase(a.getEmail())).findFirst().orElse(null);
			if (me == null) {
				throw GoogleError.notFound();
			}
			me.setResponseStatus(responseStatus);
			stored = store(cal, e);
			Invitations.reflect(calendars, stored, email, this::store);
			changed = drainTouched();
		}
		fireAll(changed);
		return stored.clone();
	}

	/** Stores an event exactly as another Google user made it (admin): any id, organizer and guests. */
	public Event putAsExternal(String calendarId, Event event) {
		Event stored;
		Set<String> changed;
		synchronized (this) {
			Event e = event.clone();
			if (e.getId() == null) {
				e.setId(EventWrites.newId());
			}
			e.setEtag(null).setHtmlLink(null);
			stored = store(calendar(calendarId), e);
			changed = drainTouched();
		}
		fireAll(changed);
		return stored.clone();
	}

	/**
	 * Many events as other Google users made them (admin bulk seeding, e.g. a calendar of 100,000 events for a
	 * benchmark): each stored as {@link #putAsExternal} would, under one lock, with one notification at the end
	 * rather than one per event. Returns how many were stored.
	 */
	public int putAllAsExternal(String calendarId, List<Event> events) {
		Set<String> changed;
		synchronized (this) {
			EmulatedCalendar cal = calendar(calendarId);
			for (Event event : events) {
				Event e = event.clone();
				if (e.getId() == null) {
					e.setId(EventWrites.newId());
				}
				store(cal, e.setEtag(null).setHtmlLink(null));
			}
			changed = drainTouched();
		}
		fireAll(changed);
		return events.size();
	}

	/** Seeding: no notification, nobody can be watching yet. */
	void seed(String calendarId, Event event) {
		store(calendar(calendarId), event);
	}

	private Event store(EmulatedCalendar cal, Event written) {
		// A JSON round trip leaves only plain mutable collections, which Google's deep clone() needs.
		Event e = EventJson.read(EventJson.write(written), Event.class);
		seq++;
		EventWrites.stamp(e, cal.info.id(), Instant.now(), seq);
		EventWrites.normalize(e, cal.info.ownerEmail().orElse(null));
		cal.events.put(e.getId(), new Version(e, seq));
		touched.add(cal.info.id());
		return e;
	}

	private void cancel(EmulatedCalendar cal, Event e) {
		Event previous = e.clone();
		e.setStatus("cancelled");
		Invitations.mirror(calendars, cal, store(cal, e), previous, this::store, null);
	}

	/** Google: a guest who removes an invitation from their calendar declines it. */
	private void declineIfInvited(EmulatedCalendar cal, Event current, String sendUpdates) {
		Optional<String> me = cal.info.ownerEmail();
		if (me.isPresent() && current.getOrganizer() != null && !Boolean.TRUE.equals(current.getOrganizer().getSelf())
				&& Invitations.attendee(current, me.get()) != null) {
			Event declined = current.clone();
			Invitations.attendee(declined, me.get()).setResponseStatus("declined");
			mail.answered(cal.info.id(), declined, status(current, me.get()), "declined", sendUpdates);
			Invitations.reflect(calendars, declined, me.get(), this::store);
		}
	}

	private static String status(Event event, String email) {
		EventAttendee attendee = event == null ? null : Invitations.attendee(event, email);
		return attendee == null ? null : attendee.getResponseStatus();
	}

	private void afterWrite(Set<String> changed, String calendarId, Event stored, String requestId) {
		if (requestId != null) {
			long gen = generation;
			conferences.schedule(() -> completeConference(gen, calendarId, stored.getId(), requestId),
					properties.conferenceCreationDelay().toMillis(), TimeUnit.MILLISECONDS);
		}
		fireAll(changed);
	}

	private void completeConference(long gen, String calendarId, String eventId, String requestId) {
		Set<String> changed;
		synchronized (this) {
			EmulatedCalendar cal = calendars.get(calendarId);
			if (gen != generation || cal == null || cal.find(eventId).isEmpty()) {
				return;
			}
			Event e = cal.events.get(eventId).event().clone();
			if (!Conferences.complete(e, requestId)) {
				return;
			}
			Event previous = cal.events.get(eventId).event();
			Invitations.mirror(calendars, cal, store(cal, e), previous, this::store, null);
			changed = drainTouched();
		}
		fireAll(changed);
	}

	private void fire(String calendarId) {
		listeners.forEach(l -> l.accept(calendarId));
	}

	/** Taken under the lock at the end of a write; notified after it. */
	private Set<String> drainTouched() {
		Set<String> written = new LinkedHashSet<>(touched);
		touched.clear();
		return written;
	}

	private void fireAll(Set<String> calendarIds) {
		calendarIds.forEach(this::fire);
	}

	private EmulatedCalendar calendar(String calendarId) {
		EmulatedCalendar cal = calendars.get(calendarId);
		if (cal == null) {
			throw GoogleError.notFound();
		}
		return cal;
	}

	private EmulatedCalendar writable(String calendarId) {
		EmulatedCalendar cal = calendar(calendarId);
		if (cal.info.generated()) {
			throw GoogleError.readOnlyCalendar();
		}
		return cal;
	}

	private Event currentForWrite(EmulatedCalendar cal, String eventId) {
		return cal.find(eventId).map(Version::event).or(() -> instance(cal, eventId)).orElseThrow(GoogleError::notFound);
	}

	private Optional<Event> instance(EmulatedCalendar cal, String instanceId) {
		return cal.masterOf(instanceId).filter(m -> !"cancelled".equals(m.getStatus()))
			.flatMap(m -> Instances.find(m, instanceId, cal.zone()));
	}

}
