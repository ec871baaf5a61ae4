// CSBR §7.1.4.2: what a code-signing certificate's subject must and must not contain. The subject
// is read from its RFC 4514 string (the one certificate shape keeps no attribute list).
import { certificateLabel, checkable, cite } from "@/lib/domain/findings/certificate-context";
import { draft } from "@/lib/domain/findings/shared";
import type { CertificateRuleInput, Rule } from "@/lib/domain/findings/types";

/** EV code signing (2.23.140.1.3): the non-EV location and country rules do not apply */
const EV_CODE_SIGNING = "2.23.140.1.3";

// ISO 3166-1 alpha-2 officially assigned codes; "XX" is the CSBR's user-assigned fallback.
const ISO_3166 = new Set(
  (
    "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
    "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO " +
    "FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE " +
    "JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO " +
    "MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW " +
    "PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM " +
    "TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW XX"
  ).split(" "),
);

export type DnAttribute = { type: string; value: string };

/**
 * Attributes of an RFC 4514 string ("CN=Example Co,O=Example\, Inc.+DC=com"): split on unescaped
 * ',' and '+', escapes undone. Types stay as written (short names or dotted OIDs).
 */
export function dnAttributes(dn: string): DnAttribute[] {
  const out: DnAttribute[] = [];
  let current = "";
  const flush = () => {
    const eq = current.indexOf("=");
    if (eq > 0) out.push({ type: current.slice(0, eq).trim(), value: unescape(current.slice(eq + 1)) });
    current = "";
  };
  for (let i = 0; i < dn.length; i++) {
    const ch = dn[i];
    if (ch === "\\" && i + 1 < dn.length) {
      current += ch + dn[++i];
    } else if (ch === "," || ch === "+") flush();
    else current += ch;
  }
  flush();
  return out;
}

function unescape(value: string): string {
  return value.replace(/\\([0-9a-fA-F]{2}|.)/g, (_, e: string) =>
    e.length === 2 ? String.fromCharCode(parseInt(e, 16)) : e,
  );
}

const TYPE_ALIASES: Record<string, string> = {
  "2.5.4.6": "C",
  "2.5.4.7": "L",
  "2.5.4.8": "ST",
  "2.5.4.10": "O",
  "0.9.2342.19200300.100.1.25": "DC",
  countryname: "C",
  localityname: "L",
  stateorprovincename: "ST",
  organizationname: "O",
  domaincomponent: "DC",
};

function valuesOf(attributes: DnAttribute[], type: string): string[] {
  return attributes
    .filter((a) => (TYPE_ALIASES[a.type.toLowerCase()] ?? TYPE_ALIASES[a.type] ?? a.type) === type)
    .map((a) => a.value);
}

export const certSubjectFields: Rule<CertificateRuleInput> = {
  id: "cert.subject-fields",
  subjectType: "certificate",
  defaultSeverity: "medium",
  title: "Subject does not identify the publisher as required",
  standard: "CSBR v3.10 §7.1.4.2",
  nhi: null,
  relatedNhi: [],
  scope: "csbr",
  howToFix:
    "Have the CA re-issue the certificate with the verified organisation name, country and locality or state in the subject, and no domainComponent.",
  raisedBy: "engine",
  evaluate(c, ctx) {
    const links = checkable(c, ctx, { isSubscriberOnly: true });
    if (!links) return [];
    const attributes = dnAttributes(c.subject);
    const isEv = c.policies.includes(EV_CODE_SIGNING);
    const problems: string[] = [];
    if (valuesOf(attributes, "O").length === 0) problems.push("no organizationName (§7.1.4.2.3, §7.1.4.2.4)");
    if (valuesOf(attributes, "DC").length > 0) problems.push("domainComponent is present (§7.1.4.2.2 c)");
    if (!isEv) {
      const [country] = valuesOf(attributes, "C");
      if (country === undefined) problems.push("no countryName (§7.1.4.2.3 f)");
      else if (!ISO_3166.has(country))
        problems.push(`countryName “${country}” is not an ISO 3166-1 code (§7.1.4.2.3 f)`);
      if (valuesOf(attributes, "L").length === 0 && valuesOf(attributes, "ST").length === 0) {
        problems.push("neither localityName nor stateOrProvinceName (§7.1.4.2.3 c, d)");
      }
    }
    if (problems.length === 0) return [];
    return [
      draft(certSubjectFields, {
        ...links,
        message: `${certificateLabel(c)}: ${problems.join("; ")}.`,
        evidence: { subject: c.subject, isEv, problems },
        threshold: `subject with organizationName${isEv ? "" : ", an ISO 3166-1 countryName and a locality or state"}, no domainComponent (${cite(ctx, "CSBR §7.1.4.2")})`,
      }),
    ];
  },
};
