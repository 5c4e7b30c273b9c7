package io.calbridge.sync;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.calbridge.google.GoogleOutcome;
import io.calbridge.sync.OutboundFailures.Next;
import io.calbridge.sync.OutboundFailures.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

/** What each of Google's answers means for a write that did not expect it. */
class OutboundFailuresTest {

	@Test
	void aPassingFaultOrARateLimitIsTriedAgainWithGooglesReason() {
		assertThat(OutboundFailures.verdict(new GoogleOutcome.Retryable("HTTP 503")))
			.isEqualTo(new Verdict(Next.RETRY, "Google could not be reached (HTTP 503)"));
		assertThat(OutboundFailures.verdict(new GoogleOutcome.RateLimited("userRateLimitExceeded")))
			.isEqualTo(new Verdict(Next.RETRY, "Google's rate limit (userRateLimitExceeded)"));
	}

	@Test
	void aRefusedAccessTokenIsTriedAgainWithANewOne() {
		assertThat(OutboundFailures.verdict(new GoogleOutcome.AuthExpired()))
			.isEqualTo(new Verdict(Next.RETRY_WITH_NEW_TOKEN, "Google did not accept the access token"));
	}

	@Test
	void aChangedEventMetOutsideAMergeIsTriedAgain() {
		assertThat(OutboundFailures.verdict(new GoogleOutcome.PreconditionFailed()))
			.isEqualTo(new Verdict(Next.RETRY, "The event changed meanwhile"));
	}

	@Test
	void anEventNotFoundOrGoneIsTheDeletionInGoogle() {
		assertThat(OutboundFailures.verdict(new GoogleOutcome.NotFound()).next()).isEqualTo(Next.EVENT_GONE);
		assertThat(OutboundFailures.verdict(new GoogleOutcome.Gone("deleted")).next()).isEqualTo(Next.EVENT_GONE);
	}

	@Test
	void aChangeOnlyTheOrganizerMayMakeFailsAndSaysSo() {
		assertThat(OutboundFailures.verdict(new GoogleOutcome.Forbidden("forbiddenForNonOrganizer")))
			.isEqualTo(new Verdict(Next.FAIL, "Only the organizer can change this event"));
		assertThat(OutboundFailures.verdict(new GoogleOutcome.Forbidden("quotaExceeded")))
			.isEqualTo(new Verdict(Next.FAIL, "Google refused the change (quotaExceeded)"));
	}

	@Test
	void aRefusedEventFailsWithGooglesMessage() {
		assertThat(OutboundFailures.verdict(new GoogleOutcome.BadRequest("Invalid attendee email.")))
			.isEqualTo(new Verdict(Next.FAIL, "Google refused the event: Invalid attendee email."));
	}

	@Test
	void aDuplicateOutsideAnInsertFailsTheTask() {
		assertThat(OutboundFailures.verdict(new GoogleOutcome.Duplicate()))
			.isEqualTo(new Verdict(Next.FAIL, "Google says the event exists already"));
	}

	@Test
	void everyAnswerGoogleGivesHasAVerdict() {
		List<GoogleOutcome> every = List.of(new GoogleOutcome.Retryable("I/O"), new GoogleOutcome.RateLimited("r"),
				new GoogleOutcome.AuthExpired(), new GoogleOutcome.PreconditionFailed(), new GoogleOutcome.Gone("g"),
				new GoogleOutcome.NotFound(), new GoogleOutcome.Duplicate(), new GoogleOutcome.Forbidden("f"),
				new GoogleOutcome.BadRequest("b"));

		assertThat(every).map(OutboundFailures::verdict).allSatisfy(verdict -> {
			assertThat(verdict.next()).isNotNull();
			assertThat(verdict.reason() != null || verdict.next() == Next.EVENT_GONE).isTrue();
		});
		assertThat(GoogleOutcome.class.getPermittedSubclasses()).as("the answers listed here are all there are")
			.hasSize(every.size());
	}

}
