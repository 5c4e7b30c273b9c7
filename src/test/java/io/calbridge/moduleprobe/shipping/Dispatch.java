package io.calbridge.moduleprobe.shipping;

import io.calbridge.moduleprobe.billing.Invoices;

/** Uses billing's public face without declaring billing (the planted undeclared edge). */
public class Dispatch {

	private final Invoices invoices = new Invoices();

	public boolean paid() {
		return invoices.total() == 0;
	}

}
