import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildOrderStatusMessage } from '../../../../core/orderStatus';
import { additionalFieldsCollection } from '../../shared/fields';
import { checkEitherField, readTextParameter, text } from '../../shared/values';
import { isVersion1 } from '../../shared/versions';
import { prepareOrderStatus, statusAdditionalFields, statusOptions, statusProperties, type PreparedStatus } from './orderStatusFields';
import { forOperation } from '../../shared/operation';

const properties: INodeProperties[] = [
	...statusProperties,
	{
		displayName: 'Body',
		name: 'body',
		type: 'string',
		typeOptions: { rows: 3 },
		required: true,
		default: '',
		description: 'Message text (at most 1024 characters)',
	},
	additionalFieldsCollection([
		...statusAdditionalFields,
		{ displayName: 'Footer', name: 'footer', type: 'string', default: '', description: 'At most 60 characters' },
		{ displayName: 'Header Image URL (Brazil)', name: 'headerImageUrl', type: 'string', default: '', description: 'An image above the status message' },
		{ displayName: 'Header Text (Brazil)', name: 'headerText', type: 'string', default: '', description: 'A text header instead of an image (at most 60 characters)' },
	]),
	...statusOptions,
];

export const description = forOperation({ show: { resource: ['order'], operation: ['sendOrderStatus'] } }, properties);

export { executeOrderStatus as execute } from './orderStatusFields';

/** Builds and validates the order_status message with the core before any request. */
export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedStatus {
	return prepareOrderStatus(this, itemIndex, (input, fields, options) => {
		// Version 1 nodes keep working unchanged: they send the image.
		if (!isVersion1(this)) checkEitherField(this, itemIndex, fields, 'headerText', 'headerImageUrl', '"Header Image URL (Brazil)"', 'the message has one header');
		const imageUrl = text(fields.headerImageUrl);
		const headerText = text(fields.headerText);
		return buildOrderStatusMessage(
			{
				...input,
				body: readTextParameter(this, 'body', itemIndex),
				...(text(fields.footer) ? { footer: text(fields.footer) } : {}),
				...(imageUrl ? { header: { imageUrl } } : headerText ? { header: { text: headerText } } : {}),
			},
			options,
		);
	});
}
