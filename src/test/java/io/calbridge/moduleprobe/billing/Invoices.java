package io.calbridge.moduleprobe.billing;

import io.calbridge.moduleprobe.billing.internal.Ledger;

/** Billing's public face. */
public class Invoices {

	private final Ledger ledger = new Ledger();

	public long total() {
		return ledger.balance();
	}

}
