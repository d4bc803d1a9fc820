/**
 * Whether a listed template may be sent, by its status. The Graph API's template listing writes an approved
 * template `APPROVED`; the payments pages say that once approved its status changes to `ACTIVE`
 * (india-send-order-details-template-message.md § Creating an order details template on WhatsApp Manager,
 * send-order-status-template-message.md § Creating an order status template). UNCONFIRMED which one a
 * listing gives: both are taken, in any case; PAUSED, DISABLED, PENDING, REJECTED ... are not.
 */
const SENDABLE_STATUSES: ReadonlySet<string> = new Set(['APPROVED', 'ACTIVE']);

export const isApprovedTemplateStatus = (status: unknown): boolean => typeof status === 'string' && SENDABLE_STATUSES.has(status.trim().toUpperCase());
