package io.calbridge.sync;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the inbound worker (event → task) runs.
 *
 * @param sweepInterval how often the worker looks for requested or due calendars
 * @param quietPeriod   a notified calendar is read once no notification came for this long, so a burst of pushes
 *                      becomes one {@code events.list} (Google's notifications do not say what changed)
 * @param maxDelay      … but never later than this after the first notification of a burst
 * @param pollInterval  calendars without a live push channel (refused watch, failed renewal) are read this often
 * @param safetyNet     watched calendars are read at least this often anyway: pushes can be lost
 * @param lease         how long a calendar being read is left to its worker before another may take it
 * @param pageSize      events per {@code events.list} page (Google: default 250, at most 2500)
 * @param windowPast    a full sync (first one, or after Google's 410) reads from this long ago …
 * @param windowAhead   … to this far ahead, and reconciles the linked tasks inside that window
 * @param massDeletionMax     a run that would remove more tasks than this pauses the calendar and asks first
 * @param massDeletionPercent … as does one removing more than this share (%) of the calendar's linked tasks,
 * @param massDeletionMinimum … once it removes at least this many (one deletion out of three is a person's)
 */
@ConfigurationProperties("calbridge.inbound")
record InboundProperties(@DefaultValue("500ms") Duration sweepInterval, @DefaultValue("250ms") Duration quietPeriod,
		@DefaultValue("2s") Duration maxDelay, @DefaultValue("5m") Duration pollInterval,
		@DefaultValue("1h") Duration safetyNet, @DefaultValue("2m") Duration lease,
		@DefaultValue("500") int pageSize, @DefaultValue("30d") Duration windowPast,
		@DefaultValue("365d") Duration windowAhead, @DefaultValue("50") int massDeletionMax,
		@DefaultValue("20") int massDeletionPercent, @DefaultValue("10") int massDeletionMinimum) {

	InboundProperties {
		pageSize = Math.max(250, Math.min(2500, pageSize));
	}

}
