import { describe, expect, it } from "vitest";
import { webhookSubscriptionInput } from "./events";
import { redactUrl, redactUrlsIn, URL_SECRET_MESSAGE, URL_USERINFO_MESSAGE } from "./url";

const input = (url: string) => ({ name: "hook", url, events: ["finding.opened"], format: "generic" });
const urlIssues = (url: string) => {
  const parsed = webhookSubscriptionInput.safeParse(input(url));
  return parsed.success ? [] : parsed.error.issues.filter((i) => i.path[0] === "url").map((i) => i.message);
};

describe("webhookSubscriptionInput's url", () => {
  it("refuses a user name or password in the URL, saying to rely on the Signet-Signature header", () => {
    for (const url of [
      "https://qauser:SuperSecretPass123@hooks.example.com/qa-a",
      "https://qauser@hooks.example.com/qa-a",
      "https://:pass@hooks.example.com/",
    ])
      expect(urlIssues(url), url).toEqual([URL_USERINFO_MESSAGE]);
    expect(URL_USERINFO_MESSAGE).toMatch(/Signet-Signature/);
  });

  it("refuses a URL carrying a secret in its query or path", () => {
    for (const url of [
      "https://hooks.example.com/qa-a?token=sk_live_qa_a_12345",
      "https://hooks.example.com/x?a=1&api_key=abc",
      "https://hooks.example.com/x?access_token=abc",
      "https://hooks.example.com/x?client_secret=abc",
      "https://hooks.example.com/x?password=hunter2",
      "https://hooks.example.com/x?q=ghp_0123456789abcdefghijABCDEFGHIJ",
      "https://hooks.example.com/ghp_0123456789abcdefghijABCDEFGHIJ",
    ])
      expect(urlIssues(url), url).toEqual([URL_SECRET_MESSAGE]);
  });

  it("accepts plain receivers and the chat services' webhook URLs", () => {
    for (const url of [
      "https://hooks.example.com/signet",
      "http://siem.internal:8080/ingest?source=signet",
      "https://hooks.slack.com/services/T0000/B0000/XXXXXXXXXXXXXXXXXXXXXXXX",
      "https://prod-01.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=AbCdEf",
    ])
      expect(urlIssues(url), url).toEqual([]);
  });

  it("still says a non-URL is not one (and only that)", () => {
    expect(urlIssues("not a url")).toEqual(["An http(s) URL"]);
  });
});

describe("redactUrl", () => {
  it("hides the user name, the password and secret-looking query values, keeping the rest", () => {
    expect(redactUrl("https://qauser:SuperSecretPass123@hooks.example.com/qa-a?token=sk_live_qa_a_12345&x=1")).toBe(
      "https://redacted@hooks.example.com/qa-a?token=redacted&x=1",
    );
    expect(redactUrl("https://h.example/p?api-version=1&sig=AbCd%2B&code=k")).toBe(
      "https://h.example/p?api-version=1&sig=redacted&code=redacted",
    );
    expect(redactUrl("https://hooks.example.com/signet")).toBe("https://hooks.example.com/signet");
  });

  it("hides what could be a credential in a URL it cannot parse", () => {
    expect(redactUrl("https://u:p@[bad/x?token=1")).toBe("https://redacted@[bad/x?redacted");
  });
});

describe("redactUrlsIn", () => {
  it("redacts each URL in a message, leaving the words around it", () => {
    const url = "https://qauser:SuperSecretPass123@hooks.example.com/qa-a?token=sk_live_qa_a_12345";
    expect(redactUrlsIn(`${url}: URLs with credentials are not fetched`)).toBe(
      "https://redacted@hooks.example.com/qa-a?token=redacted: URLs with credentials are not fetched",
    );
    expect(redactUrlsIn("the receiver answered HTTP 500")).toBe("the receiver answered HTTP 500");
  });
});
