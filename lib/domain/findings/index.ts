// Public API of the findings engine.
export * from "@/lib/domain/findings/types";
export * from "@/lib/domain/findings/rule-ids";
export { evaluateCertificate, evaluateKey, evaluateSigner, evaluateInventory } from "@/lib/domain/findings/evaluate";
export { ruleCatalogue, getRuleMeta, certificateRules, keyRules, signerRules } from "@/lib/domain/findings/registry";
export { reconcileFindings, findingKey, lastSeenAt } from "@/lib/domain/findings/reconcile";
export type { ExistingFinding, FindingUpdate, ReconcileResult } from "@/lib/domain/findings/reconcile";
export { privateKeySubmittedDraft, keyBirth, effectiveCustody } from "@/lib/domain/findings/key-rules";
export type { EffectiveCustody } from "@/lib/domain/findings/key-rules";
export { EKU, ekuName, normaliseCurve, normaliseEku, weakDigestOf } from "@/lib/domain/findings/algorithms";
export { certificateUse } from "@/lib/domain/findings/certificate-context";
export { certificateProfile } from "@/lib/domain/findings/evaluate";
export { selectProfile, CSBR_POLICY_OIDS } from "@/lib/domain/findings/profile-selection";
export type { ProfileChoice, ProfileContext, ProfileBasis } from "@/lib/domain/findings/profile-selection";
export { PROFILES, requirementFor } from "@/lib/domain/findings/profiles";
export type { Profile, Requirement } from "@/lib/domain/findings/profiles";
export { PROFILE_IDS, isProfileId } from "@/lib/domain/findings/profile-ids";
export type { ProfileId } from "@/lib/domain/findings/profile-ids";
export { isProductionEnvironment } from "@/lib/domain/findings/shared";
export {
  certificateNextEvaluationAt,
  keyNextEvaluationAt,
  signerNextEvaluationAt,
} from "@/lib/domain/findings/next-evaluation";
export { gateDeniedDraft } from "@/lib/domain/findings/signer-gate-rules";
