import { describe, expect, it } from "vitest";
import { safeNextPath } from "./safe-next";

describe("safeNextPath (issue 14: open redirect after sign-in)", () => {
  it.each(["/signers?page=2", "/certificates/abc#top", "/"])("keeps the same-origin path %s", (path) => {
    expect(safeNextPath(path)).toBe(path);
  });

  it.each([
    ["/\\evil.example/"], // what /sign-in?next=/%5Cevil.example/ decodes to
    ["/%5Cevil.example/"],
    ["/%5cevil.example/"],
    ["//evil.example"],
    ["/%2F/evil.example"],
    ["/%2f%2fevil.example"],
    ["https://evil.example/"],
    ["javascript:alert(1)"],
    ["evil.example"],
    ["/ok\r\nSet-Cookie: x=y"],
    ["/ok%0d%0aSet-Cookie:%20x=y"],
    ["/\tevil"],
    ["/%E0%A4%A"],
    [""],
    [undefined],
    [["/a", "/b"]],
  ])("refuses %j", (input) => {
    expect(safeNextPath(input)).toBe("/");
  });
});
