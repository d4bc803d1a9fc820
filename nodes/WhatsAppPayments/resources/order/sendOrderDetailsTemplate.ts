import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import { buildOrderDetailsTemplateMessage } from '../../../../core/orderDetails';
import { parseTemplateChoice } from '../../../../core/templates';
import { additionalFieldsCollection } from '../../shared/fields';
import { readParameter } from '../../shared/parameters';
import { text } from '../../shared/values';
import { prepareOrderDetails, type PreparedOrderDetails } from './orderDetailsDelivery';
import { orderAdditionalFields, orderOptions, orderProperties } from './orderFields';
import { usesAllInputItems } from './orderItems';

const properties: INodeProperties[] = [
	{
		displayName: 'Template Name or ID',
		name: 'template',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getOrderDetailsTemplates' },
		default: '',
		description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
		hint: 'Your approved templates with a "Review and Pay" button, one entry per language. As an expression: name|language, e.g. order_bill|en_US.',
	},
	// Workflows made before the dropdown typed the name and the language; those fields show only there.
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		default: '',
		displayOptions: { show: { templateName: [{ _cnd: { exists: true } }] } },
		description: 'An approved template with an order_details ("Review and Pay") button; used when Template is empty',
	},
	{
		displayName: 'Language Code',
		name: 'languageCode',
		type: 'string',
		default: 'en_US',
		displayOptions: { show: { templateName: [{ _cnd: { exists: true } }] } },
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

/** The template picked in the dropdown (name|language), else the name and language typed by older workflows. */
function chosenTemplate(ctx: IExecuteFunctions, itemIndex: number): { templateName: string; languageCode: string } {
	const picked = text(readParameter(ctx, 'template', itemIndex, ''));
	if (picked) {
		const choice = parseTemplateChoice(picked);
		if (!choice) {
			throw new NodeOperationError(ctx.getNode(), `Template: "${picked}" is not a template from the list`, {
				itemIndex,
				description: 'Pick one from the list, or write its name and language as name|language, e.g. order_bill|en_US.',
			});
		}
		return { templateName: choice.name, languageCode: choice.language };
	}
	const templateName = text(readParameter(ctx, 'templateName', itemIndex, ''));
	if (!templateName) throw new NodeOperationError(ctx.getNode(), 'Template: choose an approved template with a "Review and Pay" button', { itemIndex });
	return { templateName, languageCode: text(readParameter(ctx, 'languageCode', itemIndex, 'en_US')) ?? 'en_US' };
}

/** Builds and validates the template message with the core: a bad order throws before any request. */
export function prepare(this: IExecuteFunctions, itemIndex: number): PreparedOrderDetails {
	return prepareOrderDetails(this, itemIndex, (order, fields) => {
		const parameters = readParameter<Array<{ text: string }>>(this, 'bodyParameters.parameter', itemIndex, []).map((p) => String(p.text ?? ''));
		const headerImageUrl = text(fields.headerImageUrl);
		return buildOrderDetailsTemplateMessage({
			...order,
			...chosenTemplate(this, itemIndex),
			...(parameters.length > 0 ? { bodyParameters: parameters } : {}),
			...(headerImageUrl ? { headerImageUrl } : {}),
		});
	});
}
