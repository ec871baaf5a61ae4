import { describe, expect, it } from "vitest";
import { parseCsv, parseSignerCsv, parseSignerFile, parseSignerJson } from "./signer-import";

describe("parseCsv", () => {
  it("handles quotes, escaped quotes, CRLF and a BOM", () => {
    expect(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\n"multi\nline",z')).toEqual([
      ["a", "b"],
      ["x, y", 'say "hi"'],
      ["multi\nline", "z"],
    ]);
  });
});

describe("parseSignerCsv", () => {
  const header = "Name,Kind,Platform,Environments,Primary Owner,Privileges,Custody,Custody Evidence\n";
  it("maps columns to signer input with lists", () => {
    const r = parseSignerCsv(
      header +
        'rel-bot,release-bot,GitHub-Actions,production;staging,ana@x.test,"sign:release@production; approve:release",hsm,Luna 7\n',
    );
    expect(r).toEqual({
      rows: [
        {
          row: 2,
          name: "rel-bot",
          input: expect.objectContaining({
            name: "rel-bot",
            kind: "release-bot",
            platform: "github-actions",
            environments: ["production", "staging"],
            primaryOwner: "ana@x.test",
            privileges: [
              { scope: "sign:release", environment: "production" },
              { scope: "approve:release", environment: "any" },
            ],
            custody: { type: "hsm", evidence: "Luna 7" },
          }),
        },
      ],
    });
  });

  it("reports each bad row with its spreadsheet row number and column, keeping good rows", () => {
    const r = parseSignerCsv(header + "good,other,,,,,,\nbad,robot,,,,sign:a;bad scope,,\n\n,other,,,,,,\n");
    if ("fileProblem" in r) throw new Error(r.fileProblem);
    expect(r.rows.map((x) => ("input" in x ? x.row : [x.row, x.issues.map((i) => i.field)]))).toEqual([
      2,
      [3, ["kind", "privileges[2]"]],
      [5, ["name"]],
    ]);
  });

  it("refuses unknown or missing columns for the whole file", () => {
    expect(parseSignerCsv("name,kind,colour\n")).toHaveProperty("fileProblem", expect.stringContaining("colour"));
    expect(parseSignerCsv("name\nx\n")).toHaveProperty("fileProblem");
    expect(parseSignerCsv("")).toHaveProperty("fileProblem");
  });

  it("flags rows with more cells than columns", () => {
    const r = parseSignerCsv("name,kind\nx,other,extra\n");
    if ("fileProblem" in r) throw new Error(r.fileProblem);
    expect(r.rows[0]).toHaveProperty("issues", [{ field: "row", message: "3 cells but 2 columns" }]);
  });
});

describe("parseSignerJson", () => {
  it("accepts an array or { signers } and numbers rows from 1", () => {
    const r = parseSignerJson(JSON.stringify({ signers: [{ name: "a", kind: "other" }, { name: "b" }, 7] }));
    if ("fileProblem" in r) throw new Error(r.fileProblem);
    expect(r.rows.map((x) => ("input" in x ? x.row : [x.row, x.issues.map((i) => i.field)]))).toEqual([
      1,
      [2, ["kind"]],
      [3, ["row"]],
    ]);
    expect(parseSignerJson("{")).toHaveProperty("fileProblem");
  });
  it("refuses a row holding a NUL or nested past any field, naming where, and keeps the others (PostgreSQL 500, fuzzing)", () => {
    const deep = (n: number): unknown => (n === 0 ? "x" : { n: [deep(n - 1)] });
    const r = parseSignerJson(
      JSON.stringify([
        { name: "a", kind: "other", backupOwner: "\u0000" },
        { name: "b", kind: "other", privileges: [deep(40)] },
        { name: "c", kind: "other" },
      ]),
    );
    if ("fileProblem" in r) throw new Error(r.fileProblem);
    expect(r.rows.map((x) => ("input" in x ? x.row : [x.row, x.issues]))).toEqual([
      [1, [{ field: "backupOwner", message: "contains a NUL character (U+0000)" }]],
      [2, [{ field: expect.stringMatching(/^privileges\.0\./), message: "nested more than 32 levels deep" }]],
      3,
    ]);
    const csv = parseSignerCsv("name,kind,backup_owner\nd,other,a\u0000b\n");
    if ("fileProblem" in csv) throw new Error(csv.fileProblem);
    expect(csv.rows[0]).toMatchObject({ row: 2, issues: [{ field: "backup_owner" }] });
  });
  it("is chosen by content", () => {
    expect(parseSignerFile('[{"name":"a","kind":"other"}]')).toHaveProperty("rows.length", 1);
  });
});
