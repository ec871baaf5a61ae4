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
  it("is chosen by content", () => {
    expect(parseSignerFile('[{"name":"a","kind":"other"}]')).toHaveProperty("rows.length", 1);
  });
});
