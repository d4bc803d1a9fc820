import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { buildOrderStatusMessage, INDIA_STATUS_HEADER_REFUSAL } from '../../../../core/orderStatus';
import { DIALOG360_INDIA_ONLY } from '../../../../core/providers';
import { additionalFieldsCollection } from '../../shared/fields';
import { checkEitherField, readTextParameter, text } from '../../shared/values';
import { isVersion1 } from '../../shared/versions';
import { providerOfRun } from './orderDetailsDelivery';
import { prepareOrderStatus, statusAdditionalFields, statusOptions, statusProperties, type PreparedStatus } from './orderStatusFields';
import { forOperation } from '../../shared/operation';

/** Brazil's header (brazil-orders.md § Order status › Interactive object); the India pages' order status has none. */
const headerFields: INodeProperties[] = [
	{ displayName: 'Header Image URL (Brazil)', name: 'headerImageUrl', type: 'string', default: '', description: 'An image above the status message' },
	{ displayName: 'Header Text (Brazil)', name: 'headerText', type: 'string', default: '', description: 'A text header instead of an image (at most 60 characters)' },
];

const properties: INodeProperties[] = [
	...statusProperties('interactive'),
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
		...statusAdditionalFields('interactive'),
		{ displayName: 'Footer', name: 'footer', type: 'string', default: '', description: 'At most 60 characters' },
		...headerFields,
	]),
	...statusOptions,
];

export const description = forOperation({ show: { resource: ['order'], operation: ['sendOrderStatus'] } }, properties);

export { executeOrderStatus as execute } from './orderStatusFields';

/**
 * Builds and validates the order_status message with the core before any request. A 360dialog credential sends
 * India orders only, whose order status has no header: a header field is refused naming it (version 2; version 1
 * nodes keep sending it).
 */
export async function prepare(this: IExecuteFunctions, itemIndex: number): Promise<PreparedStatus> {
	const india = (await providerOfRun(this)) === 'dialog360';
	return prepareOrderStatus(this, itemIndex, 'interactive', (input, fields, options) => {
		// Version 1 nodes keep working unchanged: they send the image.
		if (!isVersion1(this)) checkEitherField(this, itemIndex, fields, 'headerText', 'headerImageUrl', '"Header Image URL (Brazil)"', 'the message has one header');
		// Named by this form's labels: the node's label index knows headerImageUrl by Send Order Details' "Header Image URL".
		const given = india && !isVersion1(this) ? headerFields.filter((field) => text(fields[field.name])) : [];
		if (given.length > 0) {
			const labels = given.map((field) => `Additional Fields › ${field.displayName}`).join(', ');
			throw new NodeOperationError(this.getNode(), `${labels}: ${INDIA_STATUS_HEADER_REFUSAL}; ${DIALOG360_INDIA_ONLY}`, { itemIndex });
		}
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
