/**
 * Output items speak camelCase, as n8n users expect and as the trigger and Payment -> Look Up always did:
 * `referenceId`, `wamid`, `configurationName`. Meta's answer as received is kept whole under `raw`, and a
 * message sent under `message` (both in Meta's snake_case, as on the wire). Version 1 nodes keep the items they
 * always gave (`reference_id`, Meta's answer at the top level), for the workflows that read them.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { isVersion1 } from './versions';

export const camelCase = (key: string): string => key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** The object's own keys in camelCase (one level: nested objects stay as sent). */
export const camelCaseKeys = (x: IDataObject): IDataObject => Object.fromEntries(Object.entries(x).map(([key, value]) => [camelCase(key), value]));

/** An item in this node's version's naming: `camelCased` with Meta's answer under `raw`, or version 1's `firstForm`. */
export const outputItem = (ctx: IExecuteFunctions, camelCased: IDataObject, raw: IDataObject, firstForm: () => IDataObject): IDataObject =>
	isVersion1(ctx) ? firstForm() : { ...camelCased, raw };
