import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildOrderDetailsMessage } from '../../../../core/orderDetails';
import { additionalFieldsCollection } from '../../shared/fields';
import { readTextParameter, text } from '../../shared/values';
import { prepareOrderDetails, type PreparedOrderDetails } from './orderDetailsDelivery';
import { orderAdditionalFields, orderOptions, orderProperties, withItemsOnly } from './orderFields';
import { usesAllInputItems } from './orderItems';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	...orderProperties,
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'Message text above the "Review and Pay" button (at most 1024 characters)',
	},
	additionalFieldsCollection([
		...orderAdditionalFields,
		{ displayName: 'Footer', name: 'footer', type: 'string', default: '', description: 'At most 60 characters' },
		// brazil-orders.md § Simplified order details message: no image header without the order object.
		withItemsOnly({ displayName: 'Header Image URL', name: 'headerImageUrl', type: 'string', default: '', description: 'Without a header image, the first item image is used' }),
		// brazil-orders.md § Image object has only a link; India's pages also send a media id.
		withItemsOnly({
			displayName: 'Header Image Media ID',
			name: 'headerImageId',
			type: 'string',
			default: '',
			displayOptions: { show: { '/market': ['india'] } },
			description: 'An uploaded media ID instead of a URL (India only)',
		}),
	]),
	...orderOptions,
];

export const description = forOperation({ show: { resource: ['order'], operation: ['sendOrderDetails'] } }, properties);

export const runsOnceForAllItems = usesAllInputItems;
export { sameForAllItems } from './orderItems';
export { executeOrderDetails as execute } from './orderDetailsDelivery';

/** Builds and validates the whole message with the core: a bad order throws before any request. */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedOrderDetails> {
	return await prepareOrderDetails(this, itemIndex, (order, fields) => {
		const imageUrl = text(fields.headerImageUrl);
		const imageId = text(fields.headerImageId);
		return buildOrderDetailsMessage({
			...order,
			body: readTextParameter(this, 'body', itemIndex),
			...(text(fields.footer) ? { footer: text(fields.footer) } : {}),
			...(imageUrl || imageId ? { header: { ...(imageUrl ? { imageUrl } : {}), ...(imageId ? { imageId } : {}) } } : {}),
		});
	});
}
