// The customer's phone: the chats on the left, the open chat on the right, and the payment sheet that
// "Review and pay" opens. It draws GET /_sandbox/phone/chats and pays through the control API
// (POST /_sandbox/orders/{ref}/pay and /one-click), exactly as the curl commands do.
'use strict';

(() => {
	const { el, api, poll, time, dateTime, phoneNumber, words, redraw, onTab, isShown } = window.Sandbox;
	const POLL_MS = 1000;
	const METHOD_LABELS = { upi: 'UPI app', card: 'Card', netbanking: 'Netbanking', wallet: 'Wallet' };
	const OUTCOMES = [
		['success', 'Payment succeeds'],
		['failed', 'Payment fails'],
		['pending', 'Payment stays pending'],
	];

	let chats = [];
	/** The open chat's wa_id, kept in the address (#chat=...) so a reload opens it again. */
	let openWaId = new URLSearchParams(location.hash.slice(1)).get('chat') || undefined;
	let refresh = () => undefined;

	const list = () => document.getElementById('customer-list');
	const messages = () => document.getElementById('messages');

	function preview(bubble) {
		if (bubble.kind === 'order') return `Order ${bubble.referenceId}: ${bubble.total}`;
		if (bubble.kind === 'status') return bubble.error ? `Not delivered (${bubble.error.code})` : `Order ${words(bubble.status || bubble.payment || 'update')}`;
		if (bubble.kind === 'payment') return paymentText(bubble);
		return bubble.text;
	}

	function drawCustomers() {
		document.getElementById('no-chats').hidden = chats.length > 0;
		redraw(list(), () =>
			list().replaceChildren(
				...chats.map((chat) => {
					const last = chat.bubbles[chat.bubbles.length - 1];
					return el(
						'li',
						{},
						el(
							'button',
							{ type: 'button', className: 'customer', 'data-key': `chat-${chat.waId}`, 'aria-current': chat.waId === openWaId ? 'true' : undefined, onclick: () => openChat(chat.waId) },
							el('span', { className: 'avatar', 'aria-hidden': 'true' }, chat.waId.slice(-2)),
							el('span', { className: 'who' }, el('strong', {}, phoneNumber(chat.waId)), el('span', { className: 'preview' }, preview(last))),
							time(chat.lastAt),
						),
					);
				}),
			),
		);
	}

	function openChat(waId) {
		openWaId = waId;
		history.replaceState(null, '', `#chat=${encodeURIComponent(waId)}`);
		document.getElementById('view-phone').classList.add('chat-open');
		drawCustomers();
		drawChat(true);
		document.getElementById('chat-title').focus();
	}

	// ------------------------------------------------------------------ bubbles

	function money(label, charge, className) {
		if (!charge) return undefined;
		const amount = typeof charge === 'string' ? charge : charge.amount;
		const description = typeof charge === 'string' ? undefined : charge.description;
		return el('div', { className }, el('dt', {}, label, description ? el('span', { className: 'note' }, ` (${description})`) : undefined), el('dd', {}, amount));
	}

	/** The bill's items and amounts (the card's, and the checkout panel's order as last re-priced). */
	function orderSummary(bubble) {
		return [
			el(
				'ul',
				{ className: 'items', 'aria-label': 'Items' },
				bubble.items.map((item) =>
					el(
						'li',
						{},
						el('span', { className: 'item-name' }, item.name, el('span', { className: 'note' }, ` × ${item.quantity}`)),
						item.salePrice
							? el('span', { className: 'price' }, el('s', { 'aria-label': `was ${item.price}` }, item.price), ' ', item.salePrice)
							: el('span', { className: 'price' }, item.price),
					),
				),
			),
			el(
				'dl',
				{ className: 'totals' },
				money('Subtotal', bubble.subtotal),
				money('Discount', bubble.discount),
				bubble.coupon ? money('Coupon', { amount: bubble.coupon.amount, description: bubble.coupon.code }, 'coupon') : undefined,
				money('Shipping', bubble.shipping),
				money('Tax', bubble.tax),
				money('Total', bubble.total, 'total'),
			),
		];
	}

	function orderCard(bubble) {
		const card = el(
			'li',
			{ className: 'bubble in order', 'data-reference': bubble.referenceId, 'data-kind': 'order' },
			bubble.template ? el('p', { className: 'template' }, `Template ${bubble.template}`) : undefined,
			// Outside images are never loaded: the header shows where its image is.
			bubble.headerImage ? el('div', { className: 'header-image', role: 'img', 'aria-label': `Header image ${bubble.headerImage}` }, `Image from ${hostOf(bubble.headerImage)}`) : undefined,
			bubble.body ? el('p', { className: 'body' }, bubble.body) : undefined,
			el('h3', {}, `Order ${bubble.referenceId}`),
			orderSummary(bubble),
			bubble.checkout && bubble.checkout.repriced ? el('p', { className: 'note' }, 'Re-priced by the shop at checkout') : undefined,
			bubble.expiry ? el('p', { className: 'expiry' }, `Pay by ${dateTime(bubble.expiry.at)}`, bubble.expiry.description ? `: ${bubble.expiry.description}` : '') : undefined,
			el('p', { className: 'state' }, `Payment ${words(bubble.paymentStatus)} · order ${words(bubble.orderStatus)}`),
			bubble.footer ? el('p', { className: 'footer' }, bubble.footer) : undefined,
			el('button', { type: 'button', className: 'review', 'data-key': `review-${bubble.referenceId}`, onclick: () => openSheet(bubble.referenceId) }, bubble.closed ? 'View payment' : 'Review and pay'),
			time(bubble.at),
		);
		return card;
	}

	/** Meta's reason after the reference, as a sentence of its own: some of the pages' messages end without a full stop. */
	const reason = (message) => (message ? `: ${/[.!?]$/.test(message) ? message : `${message}.`}` : '.');

	function statusBubble(bubble) {
		if (bubble.error) {
			return el(
				'li',
				{ className: 'bubble notice error', 'data-reference': bubble.referenceId, 'data-kind': 'error', 'data-code': bubble.error.code },
				el('strong', {}, `Error ${bubble.error.code}: ${bubble.error.title}`),
				el('p', {}, `Meta refused the order status "${words(bubble.status || bubble.payment || '')}" for ${bubble.referenceId}${reason(bubble.error.message)} The customer does not see it; the shop gets this error by webhook.`),
				time(bubble.at),
			);
		}
		return el(
			'li',
			{ className: 'bubble in status', 'data-reference': bubble.referenceId, 'data-kind': 'status', 'data-status': bubble.status || '', 'data-payment': bubble.payment || '' },
			bubble.template ? el('p', { className: 'template' }, `Template ${bubble.template}`) : undefined,
			el('strong', { className: 'status-line' }, bubble.status ? `Order ${words(bubble.status)}` : 'Payment update', bubble.payment ? ` · payment ${words(bubble.payment)}` : ''),
			bubble.description ? el('p', { className: 'note' }, bubble.description) : undefined,
			bubble.body ? el('p', { className: 'body' }, bubble.body) : undefined,
			el('p', { className: 'note' }, `Order ${bubble.referenceId}`),
			time(bubble.at),
		);
	}

	function paymentText(bubble) {
		const method = METHOD_LABELS[bubble.method] || bubble.method;
		if (bubble.outcome === 'success') return `Paid ${bubble.amount} with ${method}`;
		if (bubble.outcome === 'failed') return `Payment of ${bubble.amount} with ${method} failed`;
		if (bubble.outcome === 'pending') return `Payment of ${bubble.amount} with ${method} pending`;
		return `Chose to pay ${bubble.amount} with ${method}`;
	}

	function paymentBubble(bubble) {
		return el(
			'li',
			{ className: `bubble out payment ${bubble.outcome.replace(/\s/g, '-')}`, 'data-reference': bubble.referenceId, 'data-kind': 'payment', 'data-outcome': bubble.outcome },
			el('p', {}, paymentText(bubble)),
			time(bubble.at),
		);
	}

	/** A payment link template: WhatsApp's payment bubble (amount, "Pay now"), or a plain link button when it is not one. Nothing is opened. */
	function paymentLinkBubble(bubble) {
		const link = bubble.paymentLink;
		const opens = el('p', { className: 'opens', hidden: true }, `Opens ${link.url} (the sandbox opens no outside page)`);
		return el(
			'li',
			{ className: `bubble in${link.gateway ? ' order payment-link' : ''}`, 'data-kind': 'payment-link' },
			bubble.template ? el('p', { className: 'template' }, `Template ${bubble.template}`) : undefined,
			link.gateway ? el('h3', {}, link.amount || 'Payment request') : undefined,
			el('p', { className: 'body' }, bubble.text),
			link.gateway ? el('p', { className: 'state' }, `${link.gateway} payment link`) : undefined,
			el('button', { type: 'button', className: 'review', onclick: () => (opens.hidden = false) }, link.gateway ? 'Pay now' : hostOf(link.url)),
			opens,
			time(bubble.at),
		);
	}

	function textBubble(bubble) {
		if (bubble.paymentLink) return paymentLinkBubble(bubble);
		return el('li', { className: 'bubble in', 'data-kind': 'message' }, bubble.template ? el('p', { className: 'template' }, `Template ${bubble.template}`) : undefined, el('p', {}, bubble.text), time(bubble.at));
	}

	const DRAW = { order: orderCard, status: statusBubble, payment: paymentBubble, message: textBubble };

	function drawChat(scrollToEnd) {
		const chat = chats.find((c) => c.waId === openWaId);
		document.getElementById('chat-title').textContent = chat ? phoneNumber(chat.waId) : 'Pick a chat';
		document.getElementById('chat-title').tabIndex = -1;
		const box = messages();
		const atEnd = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
		redraw(box, () => box.replaceChildren(...(chat ? chat.bubbles.map((b) => DRAW[b.kind](b)) : [])));
		if (scrollToEnd || atEnd) box.scrollTop = box.scrollHeight;
	}

	function hostOf(url) {
		try {
			return new URL(url).host || url;
		} catch {
			return url;
		}
	}

	// ------------------------------------------------------------------ the payment sheet

	/** The ways an India bill can be paid in the sandbox: [label, detail, methods]. */
	function indiaWays(sheet) {
		const ways = [];
		if (sheet.gateway) for (const method of sheet.gateway.methods) ways.push({ label: `${METHOD_LABELS[method]} (${sheet.gateway.provider})`, method });
		if (sheet.upiIntentLink) ways.push({ label: 'UPI app (UPI intent link)', detail: sheet.upiIntentLink, method: 'upi' });
		if (sheet.upiConfiguration) ways.push({ label: `UPI (${sheet.upiConfiguration})`, method: 'upi' });
		// The link opens the gateway's own page, where the buyer picks one of the methods it takes.
		if (sheet.paymentLink) for (const method of sheet.paymentLinkMethods || []) ways.push({ label: `Payment link: ${METHOD_LABELS[method]}`, detail: sheet.paymentLink, method });
		return ways;
	}

	function radios(legend, name, options, checked) {
		return el(
			'fieldset',
			{},
			el('legend', {}, legend),
			options.map((option, index) =>
				el(
					'label',
					{ className: 'choice' },
					el('input', { type: 'radio', name, value: option.value, checked: option.value === checked || (checked === undefined && index === 0) }),
					el('span', {}, option.label, option.detail ? el('code', { className: 'detail' }, option.detail) : undefined),
				),
			),
		);
	}

	function copyable(label, value) {
		const status = el('span', { className: 'copied', role: 'status' });
		return el(
			'div',
			{ className: 'copyable' },
			el('p', { className: 'label' }, label),
			el('code', {}, value),
			el(
				'button',
				{
					type: 'button',
					onclick: async () => {
						try {
							await navigator.clipboard.writeText(value);
							status.textContent = 'Copied';
						} catch {
							status.textContent = 'Select the text to copy it';
						}
					},
				},
				`Copy ${label.toLowerCase()}`,
			),
			status,
		);
	}

	async function act(form, path, body) {
		const alert = form.querySelector('.sheet-error');
		for (const button of form.querySelectorAll('button')) button.disabled = true;
		try {
			await api(path, body);
			document.getElementById('sheet').close();
			refresh();
		} catch (error) {
			alert.textContent = error.message;
			for (const button of form.querySelectorAll('button')) button.disabled = false;
		}
	}

	// ------------------------------------------------------------------ the checkout panel (checkout button templates)

	/** The address fields of the checkout page's samples: [field, label, longest, required]. */
	const ADDRESS_FIELDS = [
		['name', 'Name', 256, true],
		['phone_number', 'Phone number', 12, true],
		['address', 'Address', 512, true],
		['city', 'City', 100, true],
		['state', 'State', 100, true],
		['in_pin_code', 'PIN code', 6, true],
		['house_number', 'House number', 8, false],
		['tower_number', 'Tower number', 8, false],
		['building_name', 'Building name', 128, false],
		['landmark_area', 'Landmark or area', 128, false],
	];

	/** The order card of `referenceId` as last read. */
	const billOf = (referenceId) => chats.flatMap((chat) => chat.bubbles).find((b) => b.kind === 'order' && b.referenceId === referenceId);

	/** Enter in a field of the group presses `button` (the sheet's form would otherwise submit, closing the sheet). */
	function enterPresses(button) {
		return (event) => {
			if (event.key !== 'Enter' || event.target.tagName !== 'INPUT') return;
			event.preventDefault();
			button.click();
		};
	}

	/** What the buyer typed and chose in the sheet, kept across its redraw after a checkout action. */
	function typedValues(form) {
		const address = {};
		for (const [field] of ADDRESS_FIELDS) if (form.elements[`address-${field}`]) address[field] = form.elements[`address-${field}`].value;
		const value = (name) => (form.elements[name] ? form.elements[name].value : undefined);
		return { coupon: value('coupon') || '', address, way: value('way'), outcome: value('outcome') };
	}

	/** The endpoint's answer in plain words: [outcome, text]. */
	function exchangeNotice(exchange, done, bill) {
		if (exchange.status === 200 && exchange.valid) return ['ok', `${done}: the total is now ${bill.total}.`];
		if (exchange.answer && exchange.answer.error_msg) return ['refused', `The shop says: ${exchange.answer.error_msg}`];
		if (exchange.status === 200) return ['error', `The shop's answer breaks the order rules, so the order is unchanged: ${(exchange.errors || []).map((e) => `${e.path} ${e.message}`).join('; ')}`];
		if (exchange.status === null) return ['error', `The shop's checkout did not answer (${exchange.error}); the order is unchanged.`];
		return ['error', `The shop's checkout answered HTTP ${exchange.status}${exchange.error ? ` (${exchange.error})` : ''}; the order is unchanged.`];
	}

	/** Sends the buyer's sub-action through the control API, then draws the panel again with the order as it is now. */
	async function checkout(referenceId, body, done) {
		const form = document.getElementById('sheet-form');
		const typed = typedValues(form);
		const focused = document.activeElement && document.activeElement.dataset.key;
		for (const button of form.querySelectorAll('button')) button.disabled = true;
		let exchange;
		let failure;
		try {
			exchange = await api(`/_sandbox/checkout/${encodeURIComponent(referenceId)}`, body);
		} catch (error) {
			failure = error.message;
		}
		await refresh();
		const bill = billOf(referenceId);
		const [outcome, text] = failure ? ['error', failure] : exchangeNotice(exchange, done, bill);
		// A coupon that was applied shows in the order; one refused stays in the field to be corrected.
		openSheet(referenceId, { ...typed, coupon: outcome === 'ok' ? '' : typed.coupon, notice: { outcome, text } });
		if (focused) form.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
	}

	function checkoutPanel(bill, state) {
		const { checkout: offer, referenceId } = bill;
		const closed = Boolean(bill.closed);
		const known = offer.selectedAddress || offer.addresses[0] || {};
		const address = state.address || known;

		const apply = el('button', { type: 'button', 'data-key': 'apply-coupon', disabled: closed }, 'Apply');
		const couponField = el('input', { name: 'coupon', id: 'checkout-coupon', 'data-key': 'coupon', autocomplete: 'off', maxlength: 100, value: state.coupon || '' });
		apply.addEventListener('click', () => {
			const code = couponField.value.trim();
			if (!code) {
				couponField.focus();
				return;
			}
			checkout(referenceId, { sub_action: 'apply_coupon', coupon: code }, `Coupon ${code} applied`);
		});
		const coupon = el(
			'fieldset',
			{ className: 'coupon', onkeydown: enterPresses(apply) },
			el('legend', {}, 'Coupon'),
			el('label', { for: 'checkout-coupon' }, 'Coupon code'),
			el('div', { className: 'inline' }, couponField, apply),
			bill.coupon
				? el('button', { type: 'button', className: 'link', 'data-key': 'remove-coupon', disabled: closed, onclick: () => checkout(referenceId, { sub_action: 'remove_coupon' }, `Coupon ${bill.coupon.code} removed`) }, `Remove coupon ${bill.coupon.code}`)
				: undefined,
		);

		const fields = ADDRESS_FIELDS.map(([field, label, longest, required]) =>
			el(
				'label',
				{ className: field === 'address' ? 'wide' : undefined },
				required ? label : `${label} (optional)`,
				el('input', { name: `address-${field}`, 'data-key': `address-${field}`, maxlength: longest, required, autocomplete: 'off', value: address[field] || '' }),
			),
		);
		const optional = fields.filter((_, index) => !ADDRESS_FIELDS[index][3]);
		const anyOptional = ADDRESS_FIELDS.some(([field, , , required]) => !required && address[field]);
		const useAddress = el('button', { type: 'button', 'data-key': 'use-address', disabled: closed }, 'Use address');
		useAddress.addEventListener('click', () => {
			const inputs = fields.map((label) => label.querySelector('input'));
			const invalid = inputs.find((input) => !input.checkValidity());
			if (invalid) {
				invalid.reportValidity();
				return;
			}
			const selected = {};
			for (const [index, [field]] of ADDRESS_FIELDS.entries()) if (inputs[index].value.trim()) selected[field] = inputs[index].value.trim();
			checkout(referenceId, { sub_action: 'apply_shipping', selected_address: selected }, 'Shipping priced for this address');
		});
		const shipping = el(
			'fieldset',
			{ className: 'address', onkeydown: enterPresses(useAddress) },
			el('legend', {}, 'Shipping address'),
			offer.selectedAddress ? el('p', { className: 'note' }, `The shop priced the shipping to ${offer.selectedAddress.name}, ${offer.selectedAddress.city} ${offer.selectedAddress.in_pin_code}.`) : undefined,
			el('div', { className: 'address-fields' }, fields.filter((field) => !optional.includes(field))),
			el('details', { open: anyOptional }, el('summary', {}, 'House, tower, building, landmark (optional)'), el('div', { className: 'address-fields' }, optional)),
			useAddress,
		);

		const notice = state.notice;
		return el(
			'section',
			{ className: 'checkout', 'aria-labelledby': 'checkout-title' },
			el('h3', { id: 'checkout-title' }, 'Coupon and shipping'),
			el('p', { className: 'note' }, offer.repriced ? 'The order as the shop last re-priced it:' : 'The order as sent; the shop re-prices it when you apply a coupon or an address.'),
			orderSummary(bill),
			el('p', { className: 'checkout-status', role: notice && notice.outcome !== 'ok' ? 'alert' : 'status', 'data-outcome': notice ? notice.outcome : undefined }, notice ? notice.text : ''),
			coupon,
			shipping,
		);
	}

	/**
	 * Opens the payment sheet of the bill `referenceId` as last read (or draws it again after a checkout action,
	 * keeping what the buyer typed and the focus).
	 */
	function openSheet(referenceId, checkoutState = {}) {
		const dialog = document.getElementById('sheet');
		const form = document.getElementById('sheet-form');
		const bubble = billOf(referenceId);
		if (!bubble) return;
		const { sheet } = bubble;
		const path = `/_sandbox/orders/${encodeURIComponent(bubble.referenceId)}`;
		const parts = [
			el('h2', { id: 'sheet-title' }, 'Review and pay'),
			el('p', { className: 'sheet-total' }, el('span', {}, `Order ${bubble.referenceId}`), el('strong', {}, bubble.total)),
			bubble.closed ? el('p', { className: 'closed' }, bubble.closed) : undefined,
			bubble.checkout ? checkoutPanel(bubble, checkoutState) : undefined,
		];
		let payable = false;
		if (sheet.market === 'india') {
			const ways = indiaWays(sheet);
			if (ways.length) {
				payable = !bubble.closed;
				parts.push(radios('Pay with', 'way', ways.map((w, i) => ({ value: String(i), label: w.label, detail: w.detail })), checkoutState.way));
				parts.push(radios('What happens (sandbox)', 'outcome', OUTCOMES.map(([value, label]) => ({ value, label })), checkoutState.outcome));
				parts.push(
					el(
						'button',
						{
							type: 'button',
							className: 'pay',
							disabled: !payable,
							onclick: () => {
								const way = ways[Number(form.elements.way.value)];
								act(form, `${path}/pay`, { outcome: form.elements.outcome.value, method: way.method });
							},
						},
						`Pay ${bubble.total}`,
					),
				);
			}
		} else {
			if (sheet.oneClick) {
				payable = !bubble.closed;
				parts.push(
					el('button', { type: 'button', className: 'pay', disabled: !payable, onclick: () => act(form, `${path}/one-click`, {}) }, `Pay with card ending ${sheet.oneClick.lastFourDigits}`),
				);
			}
			if (sheet.pix) {
				parts.push(copyable('Pix code', sheet.pix.code));
				if (sheet.pix.merchantName || sheet.pix.key) parts.push(el('p', { className: 'note' }, [sheet.pix.merchantName, sheet.pix.key && `key ${sheet.pix.key} (${sheet.pix.keyType})`].filter(Boolean).join(' · ')));
			}
			if (sheet.boleto) parts.push(copyable('Boleto digits', sheet.boleto.digitableLine));
			if (sheet.paymentLink) parts.push(el('p', { className: 'link' }, 'Payment link: ', el('code', {}, sheet.paymentLink)));
			if (sheet.pix || sheet.boleto || sheet.paymentLink) {
				parts.push(el('p', { className: 'note' }, 'Pix, boleto and payment links are paid outside WhatsApp: the shop confirms the payment with an order status.'));
			}
		}
		parts.push(el('p', { className: 'sheet-error', role: 'alert' }));
		parts.push(el('button', { type: 'submit', className: 'secondary', value: 'close' }, 'Close'));
		redraw(form, () => form.replaceChildren(...parts.filter(Boolean)));
		if (dialog.open) return;
		dialog.showModal();
		(form.querySelector('input:checked') || form.querySelector('button.pay:not([disabled])') || form.querySelector('button'))?.focus();
	}

	// ------------------------------------------------------------------ start

	document.addEventListener('DOMContentLoaded', () => {
		document.getElementById('back').addEventListener('click', () => {
			document.getElementById('view-phone').classList.remove('chat-open');
			list().querySelector('[aria-current]')?.focus();
		});
		refresh = poll(
			() => api('/_sandbox/phone/chats'),
			(answer) => {
				chats = answer.data;
				if (!openWaId && chats.length) openWaId = chats[0].waId;
				drawCustomers();
				drawChat(false);
			},
			POLL_MS,
			() => isShown('view-phone'),
		);
		onTab((id) => id === 'tab-phone' && refresh());
	});
})();
