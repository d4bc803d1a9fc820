/**
 * The action node's versions. Version 2 is the merchant's form: the gateway comes from the payment
 * configuration, "Amounts In" sits next to the amounts, a refund is "Full" or "Partial", and pacing is in
 * "Sending Limits" on the sending operations only. Version 1 keeps the first form, so that workflows made
 * with it open and run unchanged.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { runNode } from './parameters';

type Show = NonNullable<NonNullable<INodeProperties['displayOptions']>['show']>;

const withShow = (property: INodeProperties, show: Show): INodeProperties => ({
	...property,
	displayOptions: { ...property.displayOptions, show: { ...property.displayOptions?.show, ...show } },
});

/** A property of the first form only (workflows made before version 2). */
export const inVersion1 = (property: INodeProperties): INodeProperties => withShow(property, { '@version': [1] });

/** A property of the form from version 2 on. */
export const fromVersion2 = (property: INodeProperties): INodeProperties => withShow(property, { '@version': [{ _cnd: { gte: 2 } }] });

/** Whether this node was made with the first form (asked several times per item: read from the run's one copy of the node). */
export const isVersion1 = (ctx: IExecuteFunctions): boolean => runNode(ctx).typeVersion < 2;
