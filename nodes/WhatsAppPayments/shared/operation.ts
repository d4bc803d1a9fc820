import type { IDataObject, IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WhatsAppApi } from '../transport';

/**
 * One operation of the node (resources/<resource>/<operation>.ts exports these names).
 * The router prepares every item first, so an invalid order fails before any request is made,
 * then executes the prepared items with bounded concurrency.
 */
export interface Operation<Prepared = unknown> {
	description: INodeProperties[];
	/** Reads item `itemIndex`'s parameters and checks them with the core; throws before any request. */
	prepare(this: IExecuteFunctions, itemIndex: number): Prepared | Promise<Prepared>;
	/** Makes the request(s) of one prepared item and returns its output (`api` is undefined for operations `withoutApi`). */
	execute(this: IExecuteFunctions, prepared: Prepared, api: WhatsAppApi, itemIndex: number): Promise<IDataObject | IDataObject[]>;
	/** True when the operation makes no API request (then no WhatsApp Payments API credential is read). */
	withoutApi?: boolean;
	/** True when its requests need the business account ID (found from the token when the credential names none). */
	needsBusinessAccount?: boolean;
	/** True when one run covers all input items (an order built from every input row). */
	runsOnceForAllItems?(this: IExecuteFunctions): boolean;
	/** When it runs once for all items: the parameters it reads from input item 1 alone, which every input item must agree on, and why. */
	sameForAllItems?: { parameters: string[]; why: string };
}

/**
 * An operation's properties, shown for its resource and operation (in place of n8n's updateDisplayOptions). n8n shows a
 * property as soon as one of its `show` conditions meets an expression, without reading the conditions after it
 * (NodeHelpers.displayParameter), and updateDisplayOptions puts the operation's conditions after the property's own:
 * a Market or Payment Method mapped from the input then showed every operation's fields that depend on it. The
 * resource and operation go first here, so such a form shows its own operation's fields only.
 */
export function forOperation(scope: { show: { resource: string[]; operation: string[] } }, properties: INodeProperties[]): INodeProperties[] {
	return properties.map((property) => {
		const own: IDisplayOptions = property.displayOptions ?? {};
		// The scope decides the resource and operation, as in updateDisplayOptions.
		const ownShow = Object.fromEntries(Object.entries(own.show ?? {}).filter(([name]) => !(name in scope.show)));
		return { ...property, displayOptions: { ...own, show: { ...scope.show, ...ownShow } } };
	});
}
