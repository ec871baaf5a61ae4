import { approvalDecisionRoute } from "../decision-route";

export const POST = approvalDecisionRoute("approved");
