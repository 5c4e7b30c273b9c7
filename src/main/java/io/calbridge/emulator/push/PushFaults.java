package io.calbridge.emulator.push;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Lost or late notifications: Google's delivery is not fully reliable, and the sync engine must cope. */
@Component
@ConditionalOnProperty(name = "calbridge.emulator.enabled", havingValue = "true")
public class PushFaults {

	/**
	 * @param mode      {@code drop} or {@code delay}
	 * @param delayMs   for {@code delay}
	 * @param count     how many notifications it hits; negative: all
	 * @param channelId only this channel, or null for every channel
	 */
	public record Rule(String mode, long delayMs, int count, String channelId) {
	}

	private final List<Rule> rules = new ArrayList<>();

	private final List<int[]> remaining = new ArrayList<>();

	public synchronized void add(Rule rule) {
		if (!"drop".equals(rule.mode()) && !"delay".equals(rule.mode())) {
			throw new IllegalArgumentException("push fault mode must be drop or delay");
		}
		rules.add(rule);
		remaining.add(new int[] { rule.count() });
	}

	public synchronized void clear() {
		rules.clear();
		remaining.clear();
	}

	public synchronized List<Rule> all() {
		return List.copyOf(rules);
	}

	synchronized Optional<Rule> match(String channelId) {
		for (int i = 0; i < rules.size(); i++) {
			Rule r = rules.get(i);
			int[] left = remaining.get(i);
			if (left[0] != 0 && (r.channelId() == null || r.channelId().equals(channelId))) {
				if (left[0] > 0) {
					left[0]--;
				}
				return Optional.of(r);
			}
		}
		return Optional.empty();
	}

}
