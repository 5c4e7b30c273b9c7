package io.calbridge.emulator.calendar;

import java.security.SecureRandom;
import java.util.List;

import com.google.api.services.calendar.model.ConferenceData;
import com.google.api.services.calendar.model.ConferenceRequestStatus;
import com.google.api.services.calendar.model.ConferenceSolution;
import com.google.api.services.calendar.model.ConferenceSolutionKey;
import com.google.api.services.calendar.model.CreateConferenceRequest;
import com.google.api.services.calendar.model.EntryPoint;
import com.google.api.services.calendar.model.Event;

/**
 * Google Meet conferences. Google creates them asynchronously: the write answers with
 * {@code createRequest.status.statusCode = "pending"}, and later the event carries {@code success}, a
 * {@code conferenceId}, entry points and the read-only {@code hangoutLink}.
 */
final class Conferences {

	private static final SecureRandom RANDOM = new SecureRandom();

	private Conferences() {
	}

	/**
	 * Applies the body's conference data to {@code target} (already holding the stored event's). Returns the
	 * requestId of a new createRequest to complete later, or null. A requestId already seen is ignored, as at
	 * Google; only {@code hangoutsMeet} is offered.
	 */
	static String apply(Event target, ConferenceData requested, ConferenceData existing, int version) {
		if (version < 1) {
			target.setConferenceData(existing);
			return null;
		}
		if (requested == null) {
			target.setConferenceData(null);
			target.setHangoutLink(null);
			return null;
		}
		CreateConferenceRequest create = requested.getCreateRequest();
		String previous = existing == null || existing.getCreateRequest() == null ? null
				: existing.getCreateRequest().getRequestId();
		if (create == null || create.getRequestId() == null || create.getRequestId().equals(previous)) {
			target.setConferenceData(existing != null ? existing : requested);
			return null;
		}
		String type = create.getConferenceSolutionKey() == null ? null : create.getConferenceSolutionKey().getType();
		if (type != null && !"hangoutsMeet".equals(type)) {
			throw GoogleError.invalid("Invalid conference type value.", "conferenceData.createRequest");
		}
		ConferenceData pending = new ConferenceData().setCreateRequest(new CreateConferenceRequest()
			.setRequestId(create.getRequestId())
			.setConferenceSolutionKey(new ConferenceSolutionKey().setType("hangoutsMeet"))
			.setStatus(new ConferenceRequestStatus().setStatusCode("pending")));
		target.setConferenceData(pending);
		target.setHangoutLink(null);
		return create.getRequestId();
	}

	/** Turns a pending request into a Meet conference, if the event still waits for that request. */
	static boolean complete(Event event, String requestId) {
		ConferenceData data = event.getConferenceData();
		if (data == null || data.getCreateRequest() == null || !requestId.equals(data.getCreateRequest().getRequestId())
				|| !"pending".equals(data.getCreateRequest().getStatus().getStatusCode())) {
			return false;
		}
		String code = letters(3) + "-" + letters(4) + "-" + letters(3);
		String uri = "https://meet.google.com/" + code;
		data.getCreateRequest().getStatus().setStatusCode("success");
		data.setConferenceId(code)
			.setConferenceSolution(new ConferenceSolution().setKey(new ConferenceSolutionKey().setType("hangoutsMeet"))
				.setName("Google Meet")
				.setIconUri("https://fonts.gstatic.com/s/i/productlogos/meet_2020q4/v6/web-512dp/logo_meet_2020q4_color_2x_web_512dp.png"))
			.setEntryPoints(List.of(new EntryPoint().setEntryPointType("video").setUri(uri).setLabel("meet.google.com/" + code)));
		event.setHangoutLink(uri);
		return true;
	}

	private static String letters(int n) {
		StringBuilder s = new StringBuilder();
		for (int i = 0; i < n; i++) {
			s.append((char) ('a' + RANDOM.nextInt(26)));
		}
		return s.toString();
	}

}
