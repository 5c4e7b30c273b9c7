package io.calbridge.moduleprobe.orders;

import io.calbridge.moduleprobe.billing.Invoices;
import io.calbridge.moduleprobe.billing.internal.Ledger;

/** Uses billing's face (allowed) and reaches past it into billing's internals (the planted reach). */
public class Checkout {

	private final Invoices invoices = new Invoices();

	private final Ledger ledger = new Ledger();

	public long owed() {
		return invoices.total() + ledger.balance();
	}

}
