/** The fields of a template message shared by the order template operations, and their reading. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readParameter } from '../../shared/parameters';

/** Template name, language and body parameters; `what` describes the template the operation needs. */
export const templateProperties = (what: string): INodeProperties[] => [
	{ displayName: 'Template Name', name: 'templateName', type: 'string', required: true, default: '', description: what },
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
];

/** Item `itemIndex`'s template name, language code and body parameters (when any). */
export function readTemplate(ctx: IExecuteFunctions, itemIndex: number): { templateName: string; languageCode: string; bodyParameters?: string[] } {
	const parameters = readParameter<Array<{ text: string }>>(ctx, 'bodyParameters.parameter', itemIndex, []).map((p) => String(p.text ?? ''));
	return {
		templateName: String(readParameter(ctx, 'templateName', itemIndex)).trim(),
		languageCode: String(readParameter(ctx, 'languageCode', itemIndex)).trim(),
		...(parameters.length > 0 ? { bodyParameters: parameters } : {}),
	};
}
