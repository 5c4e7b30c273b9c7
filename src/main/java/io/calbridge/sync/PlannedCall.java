package io.calbridge.sync;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import com.google.api.client.googleapis.batch.BatchRequest;
import com.google.api.client.googleapis.batch.json.JsonBatchCallback;
import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.http.HttpHeaders;
import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.CalendarRequest;

import io.calbridge.google.CalendarClients;
import io.calbridge.google.GoogleFailure;
import io.calbridge.google.GoogleOutcome;

/**
 * One Google call of the outbound worker with what to do with its answer. Several go out as one batch request
 * (at most 50 parts, Calendar's limit), one goes out alone.
 */
record PlannedCall<T>(CalendarRequest<T> request, Consumer<T> onSuccess, Consumer<GoogleOutcome> onFailure) {

	static final int BATCH_LIMIT = 50;

	void runAlone(CalendarClients clients) {
		T answer;
		try {
			answer = clients.call(request::execute);
		}
		catch (GoogleFailure failure) {
			onFailure.accept(failure.outcome());
			return;
		}
		onSuccess.accept(answer);
	}

	private void queue(CalendarClients clients, BatchRequest batch, java.util.Set<PlannedCall<?>> answered)
			throws IOException {
		request.queue(batch, new JsonBatchCallback<T>() {

			@Override
			public void onSuccess(T answer, HttpHeaders headers) {
				answered.add(PlannedCall.this);
				clients.batchPart(null);
				PlannedCall.this.onSuccess.accept(answer);
			}

			@Override
			public void onFailure(GoogleJsonError error, HttpHeaders headers) {
				answered.add(PlannedCall.this);
				String reason = error.getErrors() == null || error.getErrors().isEmpty() ? null
						: error.getErrors().get(0).getReason();
				GoogleOutcome outcome = GoogleOutcome.of(error.getCode(), reason, error.getMessage());
				clients.batchPart(outcome);
				onFailure.accept(outcome);
			}

		});
	}

	/**
	 * Sends {@code calls} as one batch. When the batch itself fails (I/O, a 5xx for the whole request), every call
	 * not answered yet hears that outcome; the parts Google applied before the answer was lost are safe to repeat (client-chosen
	 * ids, If-Match).
	 */
	static void runAsBatch(CalendarClients clients, Calendar calendar, List<PlannedCall<?>> calls) {
		if (calls.size() == 1) {
			calls.get(0).runAlone(clients);
			return;
		}
		BatchRequest batch = calendar.batch();
		java.util.Set<PlannedCall<?>> answered = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
		try {
			for (PlannedCall<?> call : calls) {
				call.queue(clients, batch, answered);
			}
			// Not through clients.call: the parts are the calls, each counted by its own answer.
			batch.execute();
		}
		catch (IOException ex) {
			GoogleOutcome outcome = GoogleOutcome.of(ex);
			unanswered(calls, answered).forEach(call -> {
				clients.batchPart(outcome);
				call.onFailure.accept(outcome);
			});
		}
	}

	private static List<PlannedCall<?>> unanswered(List<PlannedCall<?>> calls, java.util.Set<PlannedCall<?>> answered) {
		return calls.stream().filter(call -> !answered.contains(call)).toList();
	}

}
