package io.calbridge.moduleprobe.billing.internal;

/** Billing's own detail: public for Java, private to the module for Spring Modulith. */
public class Ledger {

	public long balance() {
		return 0;
	}

}
