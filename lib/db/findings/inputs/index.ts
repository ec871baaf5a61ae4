// Loads the findings engine's inputs (lib/domain/findings/types.ts) in batches: each subject with
// the context its rules need from other tables. Whole-inventory runs read pages in id order;
// a per-run cache keeps what several batches share (signers' declared custody) from being loaded twice.
export { loadCertificateInputs } from "./certificates";
export { newEvaluationCache, type EvaluationCache } from "./context";
export { loadKeyInputs } from "./keys";
export { loadSignerInputs } from "./signers";
export { ancestorIdsOf, holdersOf, subjectsAffectedBy, type SubjectIds } from "./affected";
export { inScope, type Page, type SubjectScope } from "@/lib/db/sql";
