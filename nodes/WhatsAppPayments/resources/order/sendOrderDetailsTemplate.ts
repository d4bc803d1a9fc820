import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { buildOrderDetailsTemplateMessage } from '../../../../core/orderDetails';
import { additionalFieldsCollection } from '../../shared/fields';
import { readParameter } from '../../shared/parameters';
import { text } from '../../shared/values';
import { prepareOrderDetails, type PreparedOrderDetails } from './orderDetailsDelivery';
import { orderAdditionalFields, orderOptions, orderProperties } from './orderFields';
import { usesAllInputItems } from './orderItems';

const properties: INodeProperties[] = [
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		required: true,
		default: '',
		description: 'An approved template with an order_details ("Review and Pay") button, for customers outside the 24-hour window',
	},
	{
		displayName: 'Language Code',
		name: 'languageCode',
		type: 'string',
		required: true,
		default: 'en_US',
		placeholder: 'e.g. en_US, pt_BR',
	},
	{
		displayName: 'Body Parameters',
		name: 'bodyParameters',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		placeholder: 'Add Parameter',
		default: {},
		description: 'Values for the template body placeholders {{1}}, {{2}} and so on, in order',
		options: [{ displayName: 'Parameter', name: 'parameter', values: [{ displayName: 'Text', name: 'text', type: 'string', default: '' }] }],
	},
	...orderProperties,
	additionalFieldsCollection([
		...orderAdditionalFields,
		{ displayName: 'Header Image URL', name: 'headerImageUrl', type: 'string', default: '', description: 'For templates with an image header' },
	]),
	orderOptions,
];

export const description = updateDisplayOptions({ show: { resource: ['order'], operation: ['sendOrderDetailsTemplate'] } }, properties);

export const runsOnceForAllItems = usesAllInputItems;
export { executeOrderDetails as execute } from './orderDetailsDelivery';

/** Builds and validates the template message with the core: a bad order throws before any request. */
export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedOrderDetails {
	return prepareOrderDetails(this, itemIndex, (order, fields) => {
		const parameters = readParameter<Array<{ text: string }>>(this, 'bodyParameters.parameter', itemIndex, []).map((p) => String(p.text ?? ''));
		const headerImageUrl = text(fields.headerImageUrl);
		return buildOrderDetailsTemplateMessage({
			...order,
			templateName: String(readParameter(this, 'templateName', itemIndex)).trim(),
			languageCode: String(readParameter(this, 'languageCode', itemIndex)).trim(),
			...(parameters.length > 0 ? { bodyParameters: parameters } : {}),
			...(headerImageUrl ? { headerImageUrl } : {}),
		});
	});
}
