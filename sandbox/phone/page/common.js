// What the phone and merchant views share: building elements (text only, never HTML from data), calling
// the control API, polling it, formatting times, and the tabs. Plain browser JavaScript, no build step.
'use strict';

window.Sandbox = (() => {
	/** An element with attributes (on* are listeners; false/undefined are left out) and children (text or nodes). */
	function el(tag, attributes = {}, ...children) {
		const node = document.createElement(tag);
		for (const [name, value] of Object.entries(attributes)) {
			if (value === undefined || value === false || value === null) continue;
			if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
			else if (name === 'className') node.className = value;
			else node.setAttribute(name, value === true ? '' : String(value));
		}
		for (const child of children.flat()) {
			if (child === undefined || child === null || child === false) continue;
			node.append(child instanceof Node ? child : String(child));
		}
		return node;
	}

	/** Calls the control API; throws an Error with the sandbox's message when the answer is not 2xx. */
	async function api(path, body) {
		const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
		const response = await fetch(path, init);
		const text = await response.text();
		let parsed;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			parsed = text;
		}
		if (!response.ok) throw new Error((parsed && parsed.error && parsed.error.message) || `HTTP ${response.status}`);
		return parsed;
	}

	const connection = () => document.getElementById('connection');

	/**
	 * Calls `read` now and every `ms` while `active()` says so; `draw` gets the answer only when it changed.
	 * Returns a function that polls at once (after an action).
	 */
	function poll(read, draw, ms, active = () => true) {
		let last = '';
		let timer;
		const tick = async () => {
			clearTimeout(timer);
			if (active()) {
				try {
					const value = await read();
					const text = JSON.stringify(value);
					if (text !== last) {
						last = text;
						draw(value);
					}
					connection().textContent = '';
				} catch (error) {
					connection().textContent = `The sandbox does not answer (${error.message}); retrying.`;
				}
			}
			timer = setTimeout(tick, ms);
		};
		tick();
		return tick;
	}

	const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
	const dateTimeFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
	const time = (iso) => el('time', { datetime: iso }, timeFormat.format(new Date(iso)));
	const dateTime = (iso) => dateTimeFormat.format(new Date(iso));

	/** "919876543210" -> "+91 98765 43210"; other numbers as "+digits". */
	function phoneNumber(waId) {
		const india = /^91(\d{5})(\d{5})$/.exec(waId);
		if (india) return `+91 ${india[1]} ${india[2]}`;
		const brazil = /^55(\d{2})(\d{4,5})(\d{4})$/.exec(waId);
		if (brazil) return `+55 ${brazil[1]} ${brazil[2]}-${brazil[3]}`;
		return `+${waId}`;
	}

	/** Labels of the sandbox's status words. */
	const words = (value) => String(value).replace(/_/g, ' ');

	/** Keeps the focus on the element with the same data-key across a redraw of `container`. */
	function redraw(container, draw) {
		const focused = document.activeElement && container.contains(document.activeElement) ? document.activeElement.dataset.key : undefined;
		draw();
		if (focused) container.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
	}

	// The tabs: click, or the arrow keys on a focused tab (WAI-ARIA tabs pattern).
	const listeners = [];
	function showTab(tab) {
		for (const other of document.querySelectorAll('[role=tab]')) {
			const selected = other === tab;
			other.setAttribute('aria-selected', String(selected));
			other.tabIndex = selected ? 0 : -1;
			document.getElementById(other.getAttribute('aria-controls')).hidden = !selected;
		}
		for (const listener of listeners) listener(tab.id);
	}
	document.addEventListener('DOMContentLoaded', () => {
		const tabs = [...document.querySelectorAll('[role=tab]')];
		for (const tab of tabs) {
			tab.addEventListener('click', () => showTab(tab));
			tab.addEventListener('keydown', (event) => {
				const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
				if (!step) return;
				const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
				next.focus();
				showTab(next);
			});
		}
	});
	const onTab = (listener) => listeners.push(listener);
	const isShown = (id) => !document.getElementById(id).hidden;

	return { el, api, poll, time, dateTime, phoneNumber, words, redraw, onTab, isShown };
})();
