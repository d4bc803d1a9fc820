#!/usr/bin/env bash
# ./run demo: the local sandbox + a REAL n8n with this package installed, the example workflows
# published and a sandbox credential in place. Prints the editor URL, the login and the curl
# commands that play the customer. Ctrl-C stops everything it started.
# Ports (override with the environment): N8N_PORT=5688, N8N_BROKER_PORT=5689, SANDBOX_PORT=8790.
# Each start begins from a fresh n8n instance in .cache/demo.
#   --queue   n8n in queue mode (scripts/queue.sh): Postgres + Redis, main + 2 workers + 2 webhook
#             processes (ports from QUEUE_PORT=5690), and the idempotent fulfilment example too
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=scripts/toolchain.sh
source scripts/toolchain.sh
# shellcheck source=scripts/n8n.sh
source scripts/n8n.sh
QUEUE=
# shellcheck source=scripts/queue.sh
[ "${1:-}" = --queue ] && QUEUE=1 && source scripts/queue.sh

N8N_STATE=$N8N_ROOT/.cache/demo
N8N_PORT=${N8N_PORT:-5688}
N8N_BROKER_PORT=${N8N_BROKER_PORT:-5689}
SANDBOX_PORT=${SANDBOX_PORT:-8790}
# Local play values, not secrets: the sandbox signs its webhooks with this app secret.
SANDBOX_APP_SECRET=demo-app-secret
SANDBOX_VERIFY_TOKEN=demo-verify-token

QUEUE_PORT=${QUEUE_PORT:-5690}
for port in "$N8N_PORT:n8n" "$N8N_BROKER_PORT:n8n task broker" "$SANDBOX_PORT:sandbox"; do
	n8n_require_free_port "${port%%:*}" "${port#*:}" || exit 1
done

# Queue mode also ends what its processes left behind (scripts/queue.sh).
if [ -n "$QUEUE" ]; then trap 'queue_stop_all' EXIT; else trap 'n8n_stop_all' EXIT; fi
trap 'echo; exit 0' INT TERM

# The checkout endpoint example needs the business's own key pair (docs/checkout.md), which the demo
# does not make; test/e2e/checkout.test.ts runs it with one.
needs_key_pair() { grep -q '"whatsAppCheckoutEndpointApi"' "$1"; }

if [ -n "$QUEUE" ]; then
	queue_up
	# Example 5 takes over India's payments from example 2 (360dialog has one webhook URL per number).
	EXAMPLES=()
	for file in examples/*.json; do [[ $file = */02-* ]] || needs_key_pair "$file" || EXAMPLES+=("$file"); done
	WEBHOOK_BASE=${QUEUE_WEBHOOK_BASES[0]}
	PAYMENT_WORKFLOW="workflow 5 claims the payment in Postgres, looks it up"
else
	n8n_up
	# The Postgres examples need queue mode's database.
	EXAMPLES=()
	for file in examples/*.json; do grep -q '"n8n-nodes-base.postgres"' "$file" || needs_key_pair "$file" || EXAMPLES+=("$file"); done
	WEBHOOK_BASE=$N8N_URL
	PAYMENT_WORKFLOW="workflow 2 looks the payment up"
fi
node dist-dev/scripts/n8n-api.js demo "$N8N_STATE" "${EXAMPLES[@]}" > "$N8N_STATE/workflows.txt"
OWNER_EMAIL=$(node -p "require('$N8N_STATE/instance.json').owner.email")
OWNER_PASSWORD=$(node -p "require('$N8N_STATE/instance.json').owner.password")
J='-H content-type:application/json'
cat <<EOF

================================================================================================
 WhatsApp Payments demo: n8n $N8N_VERSION with this package, the local sandbox, the examples
================================================================================================
 customer's phone:  $SANDBOX_URL/   open it: the bills your workflows send, "Review and pay", the order
                    statuses, and a Merchant tab (orders, webhook deliveries, API requests, faults)
 n8n editor:  $N8N_URL   login: $OWNER_EMAIL / $OWNER_PASSWORD (a local demo account)
 sandbox:     $SANDBOX_URL   (a fake WhatsApp API and payment gateway; orders at $SANDBOX_URL/_sandbox/orders)
 credentials: "WhatsApp Payments (360dialog)" (India) and "WhatsApp Payments (Cloud API)" (Brazil), both on the sandbox.
 Google Sheets and your PSP / CRM are replaced by stand-ins: Code nodes answering with the examples' samples.

 Workflows and their webhooks:
$(sed 's/^/   /' "$N8N_STATE/workflows.txt" | tr '\t' ' ')

 Play the customer on the phone page, or with curl. India: 1) the shop sends a bill (workflow 1):
   curl -s $J $WEBHOOK_BASE/webhook/whatsapp-payments/new-order -d '{"orderId":"ORDER-1001","phone":"919876543210","customerName":"Asha","tax":18,"items":[{"retailer_id":"tea","name":"Masala tea","amount":250,"quantity":2}]}'
 2) the bill as WhatsApp holds it:
   curl -s $SANDBOX_URL/_sandbox/orders/ORDER-1001
 3) the customer pays; $PAYMENT_WORKFLOW and sends "processing":
   curl -s $J $SANDBOX_URL/_sandbox/orders/ORDER-1001/pay -d '{"outcome":"success","method":"upi"}'
    or the payment fails (nothing starts, the order stays pending):
   curl -s $J $SANDBOX_URL/_sandbox/orders/ORDER-1001/pay -d '{"outcome":"failed","method":"card"}'
 The same from a sheet row (workflow 1b; the Google Sheets Trigger's stand-in):
   curl -s $J $WEBHOOK_BASE/webhook/stand-in/new-order-row -d '{"Order ID":"ORDER-1002","Phone":"919812345678","Customer":"Ravi","SKU":"book-1","Item":"Cookbook","Price":"499","Quantity":"2","Tax":"25"}'

 Brazil One-Click (workflow 3). 1) a bill offering the stored card:
   curl -s $J $WEBHOOK_BASE/webhook/whatsapp-payments/new-order-brazil -d '{"orderId":"PEDIDO-1","phone":"5511987654321","customerName":"Bia","cardLastFour":"4242","cardCredentialId":"card-7","items":[{"retailer_id":"tshirt-m","name":"Camiseta","amount":89.9,"quantity":1}]}'
 2) the customer confirms the card; workflow 3 charges it and sends "processing, payment captured":
   curl -s -X POST $J $SANDBOX_URL/_sandbox/orders/PEDIDO-1/one-click
   curl -s $SANDBOX_URL/_sandbox/orders/PEDIDO-1

 Executions: $N8N_URL/home/executions    Logs: $N8N_STATE/n8n.log, $N8N_STATE/sandbox.log
 Ctrl-C stops n8n and the sandbox.
EOF
[ -n "$QUEUE" ] && cat <<EOF

 Queue mode (docs/scaling.md). The main above (editor, API, activation) serves no production webhooks:
$(node dist-dev/scripts/queue-mode.js --print "$N8N_STATE" | sed 's/^/   /')
 Every curl above to $WEBHOOK_BASE works the same on ${QUEUE_WEBHOOK_BASES[1]:-the other webhook process}.
 Idempotent fulfilment (example 5): a payment delivered to both webhook processes is fulfilled once;
 the claimed events: psql -h 127.0.0.1 -p $PG_PORT -U n8n shop -c 'table whatsapp_payment_events'
 Instance description: $N8N_STATE/instance.json (n8nUrl, apiKey, webhookUrls, appSecret, sharedSecret)
EOF
wait "$N8N_PID"
