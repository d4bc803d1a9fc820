// The merchant's tab: the orders with their payment and order status, the webhook deliveries with the
// answers they got, the API requests n8n made, and the fault switches. Reads the control API's own
// endpoints (/_sandbox/orders, /webhook, /webhooks, /requests, /faults).
'use strict';

(() => {
	const { el, api, poll, time, phoneNumber, words, onTab, isShown } = window.Sandbox;
	const POLL_MS = 1500;
	/** The newest rows shown of each log. */
	const LOG_ROWS = 50;
	const FAULT_FIELDS = ['errorRate', 'resetRate', 'dropRate', 'lookupLagMs', 'latencyMs', 'seed'];

	const body = (id) => document.querySelector(`#${id} tbody`);
	const row = (cells, attributes = {}) => el('tr', attributes, cells.map((cell) => el('td', {}, cell)));
	const empty = (columns, text) => el('tr', {}, el('td', { colspan: columns, className: 'empty' }, text));

	function drawOrders(orders) {
		const rows = [...orders].reverse().map((o) =>
			row(
				[
					o.reference_id,
					phoneNumber(o.wa_id),
					o.market,
					words(o.payment_method),
					`${o.total} ${o.currency}`,
					el('span', { className: `pill ${o.payment_status}` }, words(o.payment_status)),
					el('span', { className: `pill ${o.order_status}` }, words(o.order_status)),
					o.messages.map((m) => `${words(m.type)}${m.outcome && m.outcome !== 'applied' ? ` (${m.outcome})` : ''}`).join(', '),
				],
				{ 'data-reference': o.reference_id },
			),
		);
		body('orders-table').replaceChildren(...(rows.length ? rows : [empty(8, 'No orders yet.')]));
	}

	function answers(delivery) {
		if (!delivery.attempts.length) return delivery.state === 'skipped' ? 'no webhook URL set' : 'waiting';
		return delivery.attempts.map((a) => el('span', { className: `pill ${a.status >= 200 && a.status < 300 ? 'ok' : 'bad'}`, title: a.at }, a.status ? String(a.status) : `error: ${a.error}`));
	}

	function drawWebhooks(deliveries) {
		const rows = deliveries
			.slice(-LOG_ROWS)
			.reverse()
			.map((d) => row([String(d.id), d.channel === 'dialog360' ? '360dialog' : 'Cloud API', d.url || '(none)', `${d.updates} × ${d.fields.join(', ')}${d.signed ? ', signed' : ''}`, d.state, answers(d)], { 'data-delivery': d.id, 'data-state': d.state }));
		body('webhooks-table').replaceChildren(...(rows.length ? rows : [empty(6, 'No webhook sent yet.')]));
	}

	function drawRequests(requests) {
		const rows = requests
			.slice(-LOG_ROWS)
			.reverse()
			.map((r) => row([time(r.time), `${r.method} ${r.path}`, String(r.status), r.message_type || '', r.reference_id || '', r.fault || '']));
		body('requests-table').replaceChildren(...(rows.length ? rows : [empty(6, 'No API request yet.')]));
	}

	// ------------------------------------------------------------------ faults

	function fillFaults(faults, verb = '') {
		const form = document.getElementById('faults-form');
		for (const field of FAULT_FIELDS) form.elements[field].value = faults[field];
		document.getElementById('faults-status').textContent = `${verb}${faults.requestCount} API requests since the faults were last set.`;
	}

	async function applyFaults(settings) {
		const status = document.getElementById('faults-status');
		try {
			fillFaults(await api('/_sandbox/faults', settings), 'Applied. ');
		} catch (error) {
			status.textContent = `Not applied: ${error.message}`;
		}
	}

	document.addEventListener('DOMContentLoaded', () => {
		const form = document.getElementById('faults-form');
		form.addEventListener('submit', (event) => {
			event.preventDefault();
			applyFaults(Object.fromEntries(FAULT_FIELDS.map((field) => [field, Number(form.elements[field].value)])));
		});
		document.getElementById('faults-clear').addEventListener('click', () => applyFaults({ errorRate: 0, resetRate: 0, dropRate: 0, lookupLagMs: 0, latencyMs: 0 }));

		const shown = () => isShown('view-merchant');
		const read = async () => {
			const [orders, target, deliveries, requests] = await Promise.all([api('/_sandbox/orders'), api('/_sandbox/webhook'), api('/_sandbox/webhooks'), api('/_sandbox/requests')]);
			return { orders: orders.data, target, deliveries: deliveries.data, requests: requests.data };
		};
		const refresh = poll(
			read,
			(state) => {
				drawOrders(state.orders);
				document.getElementById('webhook-target').textContent = `Cloud API webhook: ${state.target.url || 'not set'}. 360dialog numbers set their own URL.`;
				drawWebhooks(state.deliveries);
				drawRequests(state.requests);
			},
			POLL_MS,
			shown,
		);
		// The form is filled when the tab opens, not while polling: what is being typed stays.
		onTab(async (id) => {
			if (id !== 'tab-merchant') return;
			refresh();
			fillFaults(await api('/_sandbox/faults'));
		});
	});
})();
