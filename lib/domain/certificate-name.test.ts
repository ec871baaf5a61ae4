import { describe, expect, it } from "vitest";
import { certificateName, EMPTY_SUBJECT } from "./certificate-name";

describe("certificateName", () => {
  it("is the common name, else the whole subject", () => {
    expect(certificateName({ subject: "CN=Acme Release,O=Acme", subjectCn: "Acme Release" })).toBe("Acme Release");
    expect(certificateName({ subject: "O=Acme,C=DE", subjectCn: null })).toBe("O=Acme,C=DE");
  });

  it("says the subject is empty (a keyless certificate) instead of naming it with nothing", () => {
    expect(certificateName({ subject: "", subjectCn: null })).toBe(EMPTY_SUBJECT);
    expect(certificateName({ subject: "", subjectCn: "" })).toBe(EMPTY_SUBJECT);
  });
});
