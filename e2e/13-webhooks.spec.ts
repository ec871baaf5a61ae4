import { startWebhookReceiver, type WebhookReceiver } from "../lib/webhooks/testing/receiver";
import { expect, test } from "./fixtures";

// The admin's webhook journey: create a subscription to a receiver on 127.0.0.1 (the e2e server
// allows it through SIGNET_WEBHOOK_ALLOW_HOSTS), copy the secret shown once, send a test, and see
// the delivery the receiver got, signed, in the recent deliveries.
test.describe.configure({ mode: "serial" });

let receiver: WebhookReceiver;
test.beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
test.afterAll(async () => {
  await receiver.stop();
});

test("create a subscription → send a test → the receiver got it and the delivery shows delivered", async ({
  adminPage: page,
}) => {
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Webhooks" }).click();
  await expect(page).toHaveURL(/\/admin\/webhooks$/);
  const name = `e2e receiver ${test.info().workerIndex}-${Date.now()}`;
  await page.getByLabel("Name").first().fill(name);
  await page.getByLabel("URL").first().fill(receiver.url);
  await page
    .getByRole("checkbox", { name: /gate\.denied/ })
    .first()
    .check();
  await page.getByRole("button", { name: "Create subscription" }).click();
  const secret = (await page.getByTestId("webhook-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^whsec_/);

  const subscription = page.getByRole("region", { name: `Subscription ${name}` });
  await subscription.getByRole("button", { name: `Send test to ${name}` }).click();
  await expect.poll(() => receiver.received.length).toBe(1);
  const got = receiver.received[0];
  expect(JSON.parse(got.body)).toMatchObject({ type: "ping", summary: expect.stringContaining(name) });
  expect(got.headers["signet-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);

  await page.reload();
  const row = page.getByRole("row").filter({ hasText: String(got.headers["signet-event-id"]) });
  await expect(row.getByTestId("delivery-status")).toHaveText("delivered");
  await expect(row).toContainText("HTTP 200");

  // the deliveries are a list on the shared shell: the status filter is in the URL
  // a select applies as soon as it changes
  await page.getByRole("combobox", { name: "Status" }).selectOption("failed");
  await expect(page).toHaveURL(/status=failed/);
  await expect(page.getByRole("row").filter({ hasText: String(got.headers["signet-event-id"]) })).toHaveCount(0);
  await page.goto("/admin/webhooks?status=delivered");
  await expect(row.getByTestId("delivery-status")).toHaveText("delivered");
});
