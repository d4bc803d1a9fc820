/** The fields of a template message shared by the order template operations, and their reading. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { OrderValidationError } from '../../../../core/errors';
import { parseTemplateChoice } from '../../../../core/templates';
import { readParameter } from '../../shared/parameters';
import { text } from '../../shared/values';

/** The typed name and language: while no template is picked (workflows made before the dropdown hold these). */
const typedBefore = { show: { template: [''] } };

/**
 * Template name, language and body parameters; `what` describes the template the operation needs. With
 * `dropdown` (a loadOptions method), the template is picked from a list, name and language in one value
 * (`example`: one such value, name|language, for the hint); the typed name and language show only while no
 * template is picked.
 */
export const templateProperties = (what: string, dropdown?: string, example = 'order_bill|en_US'): INodeProperties[] => [
	...(dropdown
		? [
				{
					displayName: 'Template Name or ID',
					name: 'template',
					type: 'options' as const,
					typeOptions: { loadOptionsMethod: dropdown },
					default: '',
					description: 'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
					hint: `${what}. One entry per language; as an expression: name|language, e.g. ${example}.`,
				},
			]
		: []),
	{
		displayName: 'Template Name',
		name: 'templateName',
		type: 'string',
		default: '',
		description: dropdown ? `Only when your template is not in the list above (e.g. approved minutes ago): its exact name, with its Language Code below. ${what}.` : what,
		displayOptions: dropdown ? typedBefore : undefined,
	},
	{
		displayName: 'Language Code',
		name: 'languageCode',
		type: 'string',
		default: 'en_US',
		placeholder: 'e.g. en_US, pt_BR',
		displayOptions: dropdown ? typedBefore : undefined,
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
];

/**
 * The template picked in the dropdown (name|language), else the typed name and language. Errors start with the
 * parameter's name, which the router turns into the label the form shows ("Template Name or ID", "Template Name").
 */
function chosenTemplate(ctx: IExecuteFunctions, itemIndex: number, dropdown: boolean): { templateName: string; languageCode: string } {
	const picked = text(readParameter(ctx, 'template', itemIndex, ''));
	if (picked) {
		const choice = parseTemplateChoice(picked);
		if (!choice) {
			throw new NodeOperationError(ctx.getNode(), `template: "${picked}" is not a template from the list`, {
				itemIndex,
				description: 'Pick one from the list, or write its name and language as name|language, e.g. order_bill|en_US.',
			});
		}
		return { templateName: choice.name, languageCode: choice.language };
	}
	const templateName = text(readParameter(ctx, 'templateName', itemIndex, ''));
	if (!templateName) {
		const message = dropdown ? 'template: choose an approved template from the list (or type its name under Template Name)' : 'templateName: is required: the name of your approved template';
		throw new NodeOperationError(ctx.getNode(), message, { itemIndex });
	}
	return { templateName, languageCode: text(readParameter(ctx, 'languageCode', itemIndex, 'en_US')) ?? 'en_US' };
}

/**
 * Item `itemIndex`'s template name, language code and body parameters (when any); `dropdown`: the form has
 * templateProperties' dropdown. A blank value (an empty sheet cell) is refused naming its line: it would go out as
 * "" and WhatsApp refuses the message (132000), for every row with that cell empty.
 */
export function readTemplate(ctx: IExecuteFunctions, itemIndex: number, dropdown = true): { templateName: string; languageCode: string; bodyParameters?: string[] } {
	const parameters = readParameter<Array<{ text: unknown }>>(ctx, 'bodyParameters.parameter', itemIndex, []).map((p) => String(p.text ?? ''));
	const template = chosenTemplate(ctx, itemIndex, dropdown);
	const blank = parameters.flatMap((value, i) => (value.trim() === '' ? [{ path: `bodyParameters[${i}]`, message: 'is empty: every body placeholder needs a text', rule: 'bodyParameter' }] : []));
	if (blank.length > 0) throw new OrderValidationError(blank, 'template body');
	return { ...template, ...(parameters.length > 0 ? { bodyParameters: parameters } : {}) };
}
