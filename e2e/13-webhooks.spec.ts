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
  const createForm = page.locator("form").filter({ has: page.getByRole("button", { name: "Create subscription" }) });
  const event = (type: RegExp) => createForm.getByRole("checkbox", { name: type });
  // a URL carrying a password is refused on its field, and the form keeps everything that was submitted
  const leaky = receiver.url.replace("http://", "http://qauser:SuperSecretPass123@");
  await createForm.getByLabel("Name").fill(name);
  await createForm.getByLabel("URL").fill(leaky);
  await createForm.getByLabel("Format").selectOption("teams");
  await event(/gate\.denied/).check();
  await event(/signer\.suspended/).check();
  await createForm.getByRole("button", { name: "Create subscription" }).click();
  await expect(createForm.getByText(/Leave the user name and password out of the URL/)).toBeVisible();
  await expect(createForm.getByLabel("Name")).toHaveValue(name);
  await expect(createForm.getByLabel("URL")).toHaveValue(leaky);
  await expect(createForm.getByLabel("Format")).toHaveValue("teams");
  await expect(event(/gate\.denied/)).toBeChecked();
  await expect(event(/signer\.suspended/)).toBeChecked();
  await expect(event(/finding\.opened/)).not.toBeChecked();

  await createForm.getByLabel("URL").fill(receiver.url);
  await createForm.getByLabel("Format").selectOption("generic");
  await event(/signer\.suspended/).uncheck();
  await createForm.getByRole("button", { name: "Create subscription" }).click();
  const secret = (await page.getByTestId("webhook-secret").textContent())?.trim() ?? "";
  expect(secret).toMatch(/^whsec_/);

  const subscription = page.getByRole("region", { name: `Subscription ${name}` });
  // the edit form refused shows what was submitted, not the saved values again
  await subscription.getByText("Edit or disable").click();
  await subscription.getByLabel("Name").fill("");
  await subscription.getByRole("checkbox", { name: "Enabled" }).uncheck();
  await subscription.getByRole("button", { name: "Save subscription" }).click();
  await expect(subscription.getByText("Give the subscription a name")).toBeVisible();
  await expect(subscription.getByLabel("Name")).toHaveValue("");
  await expect(subscription.getByRole("checkbox", { name: "Enabled" })).not.toBeChecked();
  await expect(subscription.getByRole("checkbox", { name: /gate\.denied/ })).toBeChecked();
  await page.reload();
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
