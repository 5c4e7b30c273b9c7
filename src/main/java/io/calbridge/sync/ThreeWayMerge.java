package io.calbridge.sync;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges CalBridge's and Google's versions of a task against the version both last agreed on: a field changed on
 * one side only is taken from that side; a field changed on both sides to different values is a conflict, and
 * nothing is overwritten silently. This is what "last write wins by timestamp" gets wrong.
 */
final class ThreeWayMerge {

	/** {@code fromGoogle}: fields to take into the task; {@code conflicts}: fields both sides changed differently. */
	record Result(List<String> fromGoogle, List<String> fromCalBridge, List<String> conflicts) {

		boolean clean() {
			return conflicts.isEmpty();
		}

	}

	private ThreeWayMerge() {
	}

	static Result merge(SyncFields base, SyncFields local, SyncFields remote) {
		List<String> fromGoogle = new ArrayList<>();
		List<String> fromCalBridge = new ArrayList<>();
		List<String> conflicts = new ArrayList<>();
		for (String field : SyncFields.NAMES) {
			boolean localChanged = !local.same(field, base);
			boolean remoteChanged = !remote.same(field, base);
			if (localChanged && remoteChanged && !local.same(field, remote)) {
				conflicts.add(field);
			}
			else if (remoteChanged && !localChanged) {
				fromGoogle.add(field);
			}
			else if (localChanged && !remoteChanged) {
				fromCalBridge.add(field);
			}
		}
		return new Result(fromGoogle, fromCalBridge, conflicts);
	}

}
