import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

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
