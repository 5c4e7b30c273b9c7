package io.calbridge.push;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Push channels (Google's {@code events.watch}).
 *
 * @param renewBefore channels expiring within this time are renewed (new channel first, then the old one stopped)
 * @param ttl         the lifetime asked of Google ({@code params.ttl}); Google decides, and its answer counts
 */
@ConfigurationProperties("calbridge.push")
record PushProperties(@DefaultValue("24h") Duration renewBefore, @DefaultValue("7d") Duration ttl) {
}
