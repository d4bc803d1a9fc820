/* eslint-disable @n8n/community-nodes/no-restricted-imports -- dev-only code, never runs inside n8n (docs/verification.md) */
/**
 * Workflow files (n8n's export format, as in examples/*.json) and their stand-ins: the copies that
 * run on a machine without outside accounts. Used by the e2e tests and the demo.
 *
 * Stand-in rules (one place):
 * - A node of an outside service (Google Sheets, an HTTP Request to your PSP or CRM) becomes a Code
 *   node of the same name that outputs the node's pinned data (the example's sample answer), or
 *   passes its input through when nothing is pinned. Pinned data is what n8n itself shows for the
 *   node in the editor, so the stand-in answers like the sample the example documents.
 * - A trigger of an outside service (Google Sheets Trigger), and with `onDemand` a Schedule Trigger,
 *   becomes a Webhook (POST /webhook/stand-in/<node name>) followed by a Code node of the
 *   trigger's name that emits the posted JSON (an object or an array of objects) as the items the
 *   trigger would have emitted, so every expression that names the trigger still works.
 * - Except on n8n 1.x, where a Code node's items (and the same items passed on by a Filter or If) come out empty
 *   through `$('Node')` (docs/verification.md, n8n versions): so an example reads a stand-in's rows as `$json`,
 *   never back through `$('…')`.
 */
import { createHash } from 'crypto';
import { readFileSync } from 'fs';

export const TRIGGER_TYPE = 'n8n-nodes-whatsapp-payments.whatsAppPaymentsTrigger';
export const CHECKOUT_TRIGGER_TYPE = 'n8n-nodes-whatsapp-payments.whatsAppCheckoutTrigger';
export const WEBHOOK_TYPE = 'n8n-nodes-base.webhook';
const CODE_TYPE = 'n8n-nodes-base.code';
const OUTSIDE_ACTION_TYPES = ['n8n-nodes-base.googleSheets', 'n8n-nodes-base.httpRequest'];
const OUTSIDE_TRIGGER_TYPES = ['n8n-nodes-base.googleSheetsTrigger'];
const SCHEDULE_TRIGGER_TYPE = 'n8n-nodes-base.scheduleTrigger';

export interface WorkflowNode {
	id?: string;
	name: string;
	type: string;
	typeVersion: number;
	position: [number, number];
	parameters: Record<string, unknown>;
	webhookId?: string;
	credentials?: Record<string, { id: string | null; name: string }>;
	[key: string]: unknown;
}

type Connections = Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }>>>>;

/** A workflow as exported by n8n. */
export interface WorkflowFile {
	name: string;
	nodes: WorkflowNode[];
	connections: Connections;
	settings?: Record<string, unknown>;
	pinData?: Record<string, Array<{ json: Record<string, unknown> }>>;
	[key: string]: unknown;
}

export function readWorkflow(file: string): WorkflowFile {
	return JSON.parse(readFileSync(file, 'utf8')) as WorkflowFile;
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** The production URL path of a stand-in trigger's webhook (trigger names are unique across the examples). */
export function standInPath(nodeName: string): string {
	return `stand-in/${slug(nodeName)}`;
}

/** A stable UUID for a stand-in's webhook, so its URL is the same on every import. */
function stableUuid(text: string): string {
	const h = createHash('sha256').update(text).digest('hex');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function codeNode(from: WorkflowNode, jsCode: string): WorkflowNode {
	return { id: from.id, name: from.name, type: CODE_TYPE, typeVersion: 2, position: from.position, parameters: { jsCode }, notes: `Stand-in for ${from.type}` };
}

/** A copy of the workflow with the outside services replaced by stand-ins (see the rules above). */
export function withStandIns(workflow: WorkflowFile, options: { onDemand?: boolean } = {}): WorkflowFile {
	const pinData = workflow.pinData ?? {};
	const connections: Connections = structuredClone(workflow.connections);
	const replaced = new Set<string>();
	const nodes = workflow.nodes.flatMap((node): WorkflowNode[] => {
		if (OUTSIDE_ACTION_TYPES.includes(node.type)) {
			replaced.add(node.name);
			const pinned = pinData[node.name];
			return [codeNode(node, pinned ? `return ${JSON.stringify(pinned)};` : 'return $input.all();')];
		}
		if (OUTSIDE_TRIGGER_TYPES.includes(node.type) || (options.onDemand && node.type === SCHEDULE_TRIGGER_TYPE)) {
			replaced.add(node.name);
			const webhookName = `${node.name} (stand-in webhook)`;
			connections[webhookName] = { main: [[{ node: node.name, type: 'main', index: 0 }]] };
			const webhook: WorkflowNode = {
				name: webhookName,
				type: WEBHOOK_TYPE,
				typeVersion: 2,
				position: [node.position[0] - 220, node.position[1]],
				webhookId: stableUuid(`${workflow.name}/${node.name}`),
				parameters: { httpMethod: 'POST', path: standInPath(node.name), responseMode: 'onReceived', options: {} },
			};
			return [webhook, codeNode(node, 'const body = $input.first().json.body;\nreturn [].concat(body).map((json) => ({ json }));')];
		}
		return [node];
	});
	const remainingPins = Object.fromEntries(Object.entries(pinData).filter(([name]) => !replaced.has(name)));
	return { ...workflow, nodes, connections, pinData: remainingPins };
}

/** The production URLs of the workflow's webhook nodes (n8n's Webhook node and our trigger). */
export function webhookUrls(n8nUrl: string, workflow: WorkflowFile): Array<{ node: string; url: string }> {
	return workflow.nodes.flatMap((node) => {
		if (node.type === WEBHOOK_TYPE) return [{ node: node.name, url: `${n8nUrl}/webhook/${String(node.parameters.path)}` }];
		if (node.type === TRIGGER_TYPE) return [{ node: node.name, url: `${n8nUrl}/webhook/${node.webhookId}/webhook` }];
		if (node.type === CHECKOUT_TRIGGER_TYPE) return [{ node: node.name, url: `${n8nUrl}/webhook/${node.webhookId}/checkout` }];
		return [];
	});
}
